package dev.berth.runtime;

import dev.berth.cgroups.DeviceRules;
import dev.berth.oci.runtime.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The device cgroup rules a container gets, as runc computes them: the spec's rules, then the devices every
 * container may use ({@link DeviceRules#DOCKER_DEFAULT_ALLOWED}: mknod, /dev/null, zero, tty, pts...), then each
 * device of linux.devices. Without the last two a spec that denies all (as `runc spec` writes) would leave the
 * container unable to open its own /dev/null. A spec with no device rules keeps the inherited "allow all". Pure.
 */
final class DeviceRuleDefaults {
    private DeviceRuleDefaults() {}

    static Spec.Resources apply(Spec.Resources r, List<Spec.Device> devices) {
        if (r == null || r.devices() == null || r.devices().isEmpty()) return r;
        List<Spec.DeviceRule> rules = new ArrayList<>(r.devices());
        rules.addAll(DeviceRules.DOCKER_DEFAULT_ALLOWED);
        if (devices != null)
            for (Spec.Device d : devices) {
                String type = "u".equals(d.type()) ? "c" : d.type();
                if ("c".equals(type) || "b".equals(type))
                    rules.add(new Spec.DeviceRule(true, type, d.major(), d.minor(), "rwm"));
            }
        return new Spec.Resources(List.copyOf(rules), r.memory(), r.cpu(), r.pids(), r.blockIO(), r.hugepageLimits(), r.unified());
    }
}
