package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.oci.runtime.Spec;

/** cpuset: the CPUs and memory nodes the container may use. */
final class V1Cpuset implements V1Controller {
    static final String CPUS = "cpuset.cpus", MEMS = "cpuset.mems";

    @Override
    public String controller() {
        return "cpuset";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.cpu() != null && (notEmpty(r.cpu().cpus()) || notEmpty(r.cpu().mems()));
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        if (notEmpty(r.cpu().cpus())) dir.write(CPUS, r.cpu().cpus());
        if (notEmpty(r.cpu().mems())) dir.write(MEMS, r.cpu().mems());
    }

    /**
     * A new v1 cpuset starts with no CPUs and no memory nodes, and no task can join it then (ENOSPC): give it the
     * parent's, as runc does, on every level of the path.
     */
    static void inheritFromParent(CgroupDir dir, CgroupDir parent) {
        for (String f : new String[] {CPUS, MEMS}) {
            if (dir.read(f).isEmpty()) dir.write(f, parent.read(f));
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
