package dev.berth.cgroups.testing;

import dev.berth.oci.runtime.Spec;
import java.util.List;
import java.util.Map;

/** Short constructors of OCI resources for tests. */
public final class Res {
    public static final long MB = 1L << 20;

    private Res() {}

    public static Spec.Resources of(Spec.Memory memory, Spec.Cpu cpu, Spec.Pids pids, Spec.BlockIO blockIO) {
        return new Spec.Resources(null, memory, cpu, pids, blockIO, null, null);
    }

    public static Spec.Resources memory(Long limit, Long swap, Long reservation) {
        return of(new Spec.Memory(limit, reservation, swap, null, null, null, null, null, null), null, null, null);
    }

    public static Spec.Resources cpu(Long shares, Long quota, Long period) {
        return of(null, new Spec.Cpu(shares, quota, period, null, null, null, null, null), null, null);
    }

    public static Spec.Resources pids(long limit) {
        return of(null, null, new Spec.Pids(limit), null);
    }

    public static Spec.Resources devices(List<Spec.DeviceRule> rules) {
        return new Spec.Resources(rules, null, null, null, null, null, null);
    }

    public static Spec.Resources unified(Map<String, String> unified) {
        return new Spec.Resources(null, null, null, null, null, null, unified);
    }

    public static Spec.Resources hugepages(String size, long limit) {
        return new Spec.Resources(null, null, null, null, null, List.of(new Spec.HugepageLimit(size, limit)), null);
    }
}
