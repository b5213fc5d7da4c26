package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.oci.runtime.Spec;

/** cpuset: cpuset.cpus and cpuset.mems (v2 cpusets inherit the parent's when empty, so nothing to copy). */
final class V2Cpuset implements V2Controller {
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

    private static boolean notEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
