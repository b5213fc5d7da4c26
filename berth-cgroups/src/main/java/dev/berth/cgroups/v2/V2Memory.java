package dev.berth.cgroups.v2;

import static dev.berth.cgroups.CgroupValues.isSet;
import static dev.berth.cgroups.CgroupValues.v2Max;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.cgroups.StatParsers;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.OptionalLong;

/**
 * memory: memory.max, memory.swap.max (OCI's memory+swap converted to swap only) and memory.low (reservation).
 * Swappiness, kernel memory and disabling the OOM killer do not exist on v2 and are ignored, as runc and Docker
 * do; memory.oom.group can be set through the unified map.
 */
final class V2Memory implements V2Controller {
    static final String MAX = "memory.max", SWAP_MAX = "memory.swap.max", LOW = "memory.low", CURRENT = "memory.current";

    @Override
    public String controller() {
        return "memory";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        Spec.Memory m = r.memory();
        return m != null && (isSet(m.limit()) || isSet(m.swap()) || isSet(m.reservation()));
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.Memory m = r.memory();
        if (Boolean.TRUE.equals(m.checkBeforeUpdate()) && isSet(m.limit()) && m.limit() > 0) {
            long usage = dir.readIfPresent(CURRENT).map(StatParsers::number).orElse(0L);
            if (m.limit() < usage)
                throw BerthException.invalid("memory limit %d is below the current usage %d of cgroup %s", m.limit(), usage, dir.path());
        }
        OptionalLong swap = CgroupValues.swapV2(m.swap(), m.limit());
        if (swap.isPresent()) {
            String value = v2Max("swap limit", swap.getAsLong());
            if (dir.has(SWAP_MAX)) dir.write(SWAP_MAX, value);
            else if (!value.equals("max") && !value.equals("0"))
                throw new BerthException(BerthException.Kind.UNSUPPORTED, "a swap limit was requested but "
                        + dir.file(SWAP_MAX) + " does not exist: the kernel does not account swap");
        }
        if (isSet(m.limit())) dir.write(MAX, v2Max("memory limit", m.limit()));
        if (isSet(m.reservation())) dir.write(LOW, v2Max("memory reservation", m.reservation()));
    }
}
