package dev.berth.runtime;

import dev.berth.oci.runtime.Spec;

/** Merges an update into the resources in force: fields the update sets win. */
final class ResourceMerge {
    private ResourceMerge() {}

    static Spec.Resources merge(Spec.Resources base, Spec.Resources u) {
        if (base == null) return u;
        if (u == null) return base;
        return new Spec.Resources(
                u.devices() != null ? u.devices() : base.devices(),
                memory(base.memory(), u.memory()),
                cpu(base.cpu(), u.cpu()),
                u.pids() != null ? u.pids() : base.pids(),
                u.blockIO() != null ? u.blockIO() : base.blockIO(),
                u.hugepageLimits() != null ? u.hugepageLimits() : base.hugepageLimits(),
                u.unified() != null ? u.unified() : base.unified());
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    private static Spec.Memory memory(Spec.Memory b, Spec.Memory u) {
        if (b == null || u == null) return u != null ? u : b;
        return new Spec.Memory(or(u.limit(), b.limit()), or(u.reservation(), b.reservation()), or(u.swap(), b.swap()),
                or(u.kernel(), b.kernel()), or(u.kernelTCP(), b.kernelTCP()), or(u.swappiness(), b.swappiness()),
                or(u.disableOOMKiller(), b.disableOOMKiller()), or(u.useHierarchy(), b.useHierarchy()),
                or(u.checkBeforeUpdate(), b.checkBeforeUpdate()));
    }

    private static Spec.Cpu cpu(Spec.Cpu b, Spec.Cpu u) {
        if (b == null || u == null) return u != null ? u : b;
        return new Spec.Cpu(or(u.shares(), b.shares()), or(u.quota(), b.quota()), or(u.period(), b.period()),
                or(u.realtimeRuntime(), b.realtimeRuntime()), or(u.realtimePeriod(), b.realtimePeriod()),
                or(u.cpus(), b.cpus()), or(u.mems(), b.mems()), or(u.idle(), b.idle()));
    }
}
