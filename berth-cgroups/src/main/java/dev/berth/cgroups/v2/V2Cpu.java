package dev.berth.cgroups.v2;

import static dev.berth.cgroups.CgroupValues.isSet;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.oci.runtime.Spec;

/** cpu: cpu.weight from shares, cpu.max from quota and period, cpu.idle. */
final class V2Cpu implements V2Controller {
    static final String WEIGHT = "cpu.weight", MAX = "cpu.max", IDLE = "cpu.idle";

    @Override
    public String controller() {
        return "cpu";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        Spec.Cpu c = r.cpu();
        return c != null && (isSet(c.shares()) || isSet(c.quota()) || isSet(c.period()) || c.idle() != null);
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.Cpu c = r.cpu();
        if (isSet(c.shares())) dir.write(WEIGHT, Long.toString(CgroupValues.cpuWeight(c.shares())));
        String current = isSet(c.quota()) ? null : dir.readIfPresent(MAX).orElse(null);
        CgroupValues.cpuMax(c.quota(), c.period(), current).ifPresent(v -> dir.write(MAX, v));
        if (c.idle() != null) dir.write(IDLE, Long.toString(c.idle()));
    }
}
