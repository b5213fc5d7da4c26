package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.oci.runtime.Spec;

/** pids: the task limit. */
final class V1Pids implements V1Controller {
    static final String MAX = "pids.max";

    @Override
    public String controller() {
        return "pids";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.pids() != null;
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        dir.write(MAX, CgroupValues.pidsMax(r.pids().limit()));
    }
}
