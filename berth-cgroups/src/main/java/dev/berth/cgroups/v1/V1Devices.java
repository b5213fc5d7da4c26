package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.DeviceRules;
import dev.berth.oci.runtime.Spec;

/**
 * devices: the rules written in order to devices.allow / devices.deny. Docker's lists start with "deny all", so a
 * live update briefly denies everything before the allows are back.
 */
final class V1Devices implements V1Controller {
    @Override
    public String controller() {
        return "devices";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.devices() != null && !r.devices().isEmpty();
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        for (DeviceRules.Write w : DeviceRules.v1Writes(r.devices())) dir.write(w.file(), w.line());
    }
}
