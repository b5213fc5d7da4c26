package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.oci.runtime.Spec;

/** Applies the part of the OCI resources one v2 controller owns, writing only the fields that are set. */
interface V2Controller {
    /** The controller that must be enabled for the cgroup ("memory"). */
    String controller();

    boolean requested(Spec.Resources resources);

    void apply(CgroupDir dir, Spec.Resources resources);
}
