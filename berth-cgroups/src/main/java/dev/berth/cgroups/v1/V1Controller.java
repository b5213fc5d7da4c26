package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.oci.runtime.Spec;

/** Applies the part of the OCI resources one v1 controller owns, writing only the fields that are set. */
interface V1Controller {
    /** The controller whose hierarchy holds the files ("memory"). */
    String controller();

    /** Whether resources ask this controller for anything (so its hierarchy must be mounted). */
    boolean requested(Spec.Resources resources);

    void apply(CgroupDir dir, Spec.Resources resources);
}
