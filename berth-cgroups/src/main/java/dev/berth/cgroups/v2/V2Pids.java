package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.oci.runtime.Spec;

/** pids: pids.max. */
final class V2Pids implements V2Controller {
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
