package dev.berth.cgroups.v1;

import static dev.berth.cgroups.CgroupValues.isSet;
import static dev.berth.cgroups.CgroupValues.v1Bytes;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupValues;
import dev.berth.cgroups.StatParsers;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;

/**
 * memory: limit, memory+swap, soft limit (reservation), kernel TCP limit, swappiness and the OOM killer switch.
 * Kernel memory ({@code memory.kernel}) is ignored, as runc does: recent kernels no longer support it.
 */
final class V1Memory implements V1Controller {
    static final String LIMIT = "memory.limit_in_bytes", MEMSW = "memory.memsw.limit_in_bytes",
            SOFT = "memory.soft_limit_in_bytes", KMEM_TCP = "memory.kmem.tcp.limit_in_bytes",
            SWAPPINESS = "memory.swappiness", OOM_CONTROL = "memory.oom_control";

    @Override
    public String controller() {
        return "memory";
    }

    @Override
    public boolean requested(Spec.Resources r) {
        return r.memory() != null;
    }

    @Override
    public void apply(CgroupDir dir, Spec.Resources r) {
        Spec.Memory m = r.memory();
        Long limit = m.limit(), swap = m.swap();
        // Docker's "unlimited memory" with no swap given means unlimited swap as well.
        if (limit != null && limit == -1 && swap == null) swap = -1L;
        boolean setLimit = isSet(limit), setSwap = isSet(swap);
        String limitValue = setLimit ? v1Bytes("memory limit", limit) : null;
        String swapValue = setSwap ? v1Bytes("memory+swap limit", swap) : null;
        if (setSwap && !dir.has(MEMSW)) {
            if (swap != -1)
                throw new BerthException(BerthException.Kind.UNSUPPORTED, "a memory+swap limit was requested but "
                        + dir.file(MEMSW) + " does not exist: the kernel does not account swap (boot with swapaccount=1)");
            setSwap = false;
        }
        if (setLimit && setSwap && limit != -1 && swap != -1 && swap < limit)
            throw BerthException.invalid("memory+swap limit (%d) must be at least the memory limit (%d)", swap, limit);
        if (setLimit && setSwap) {
            // The kernel keeps limit <= memsw at every step: raise memsw first when it grows, else lower limit first.
            long current = StatParsers.limit(dir.read(LIMIT));
            if (swap == -1 || current < swap) {
                dir.write(MEMSW, swapValue);
                dir.write(LIMIT, limitValue);
            } else {
                dir.write(LIMIT, limitValue);
                dir.write(MEMSW, swapValue);
            }
        } else {
            if (setLimit) dir.write(LIMIT, limitValue);
            if (setSwap) dir.write(MEMSW, swapValue);
        }
        if (isSet(m.reservation())) dir.write(SOFT, v1Bytes("memory reservation", m.reservation()));
        if (isSet(m.kernelTCP())) dir.write(KMEM_TCP, v1Bytes("kernel TCP memory limit", m.kernelTCP()));
        CgroupValues.swappiness(m.swappiness()).ifPresent(v -> dir.write(SWAPPINESS, v));
        if (m.disableOOMKiller() != null) dir.write(OOM_CONTROL, m.disableOOMKiller() ? "1" : "0");
    }
}
