package dev.berth.daemon.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.common.BerthException;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.RestartPolicy;
import dev.berth.oci.runtime.Spec;

/**
 * POST /containers/{id}/update, as dockerd's container.UpdateContainer merges it: a zero (or absent)
 * number leaves the value alone, PidsLimit null leaves it alone (0 or less: unlimited), an empty
 * restart policy name leaves the policy alone. Pure: no kernel, no store.
 */
final class ResourceUpdate {
    static final long MIN_MEMORY = 6 * 1024 * 1024;
    static final long CFS_PERIOD = 100_000;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Request(@JsonProperty("Memory") Long memory, @JsonProperty("MemorySwap") Long memorySwap,
                   @JsonProperty("MemoryReservation") Long memoryReservation, @JsonProperty("CpuShares") Long cpuShares,
                   @JsonProperty("NanoCpus") Long nanoCpus, @JsonProperty("CpuPeriod") Long cpuPeriod,
                   @JsonProperty("CpuQuota") Long cpuQuota, @JsonProperty("CpusetCpus") String cpusetCpus,
                   @JsonProperty("CpusetMems") String cpusetMems, @JsonProperty("BlkioWeight") Integer blkioWeight,
                   @JsonProperty("PidsLimit") Long pidsLimit, @JsonProperty("RestartPolicy") RestartPolicy restartPolicy) {}

    private ResourceUpdate() {}

    /** The HostConfig after the update; refusals carry Docker's messages (without the "Cannot update" prefix). */
    static HostConfig merge(HostConfig c, Request u) {
        long nano = v(u.nanoCpus()), period = v(u.cpuPeriod()), quota = v(u.cpuQuota());
        if (nano > 0 && v(c.cpuPeriod()) > 0) throw conflict("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        if (nano > 0 && v(c.cpuQuota()) > 0) throw conflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        if (period > 0 && v(c.nanoCpus()) > 0) throw conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        if (quota > 0 && v(c.nanoCpus()) > 0) throw conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        if (nano > 0 && period > 0) throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (nano > 0 && quota > 0) throw BerthException.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        HostConfig.Builder b = c.toBuilder();
        if (v(u.blkioWeight() == null ? null : (long) u.blkioWeight()) != 0) b.blkioWeight(u.blkioWeight());
        if (v(u.cpuShares()) != 0) b.cpuShares(u.cpuShares());
        if (nano != 0) b.nanoCpus(nano);
        if (period != 0) b.cpuPeriod(period);
        if (quota != 0) b.cpuQuota(quota);
        if (u.cpusetCpus() != null && !u.cpusetCpus().isEmpty()) b.cpusetCpus(u.cpusetCpus());
        if (u.cpusetMems() != null && !u.cpusetMems().isEmpty()) b.cpusetMems(u.cpusetMems());
        long memory = v(u.memory());
        if (memory != 0) {
            if (memory < MIN_MEMORY) throw BerthException.invalid("Minimum memory limit allowed is 6MB");
            long swapNow = v(c.memorySwap());
            if (swapNow > 0 && memory > swapNow && v(u.memorySwap()) == 0)
                throw conflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
            b.memory(memory);
        }
        if (v(u.memorySwap()) != 0) b.memorySwap(u.memorySwap());
        long reservation = v(u.memoryReservation());
        if (reservation != 0) {
            if (reservation < MIN_MEMORY) throw BerthException.invalid("Minimum memory reservation allowed is 6MB");
            b.memoryReservation(reservation);
        }
        if (u.pidsLimit() != null) b.pidsLimit(u.pidsLimit() > 0 ? u.pidsLimit() : null);
        RestartPolicy p = u.restartPolicy();
        if (p != null && p.name() != null && !p.name().isEmpty()) {
            checkRestart(p);
            if (!p.name().equals("no") && Boolean.TRUE.equals(c.autoRemove()))
                throw conflict("Restart policy cannot be updated because AutoRemove is enabled for the container");
            b.restartPolicy(p);
        }
        HostConfig after = b.build();
        long m = v(after.memory()), s = v(after.memorySwap()), r = v(after.memoryReservation());
        if (m > 0 && s > 0 && s < m) throw BerthException.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (m == 0 && s > 0) throw BerthException.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        if (m > 0 && r > 0 && m < r) throw BerthException.invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        return after;
    }

    private static void checkRestart(RestartPolicy p) {
        Integer max = p.maximumRetryCount();
        switch (p.name()) {
            case "no", "always", "unless-stopped" -> {
                if (max != null && max != 0) throw BerthException.invalid("maximum retry count cannot be used with restart policy '%s'", p.name());
            }
            case "on-failure" -> {
                if (max != null && max < 0) throw BerthException.invalid("maximum retry count cannot be negative");
            }
            default -> throw BerthException.invalid("invalid restart policy '%s'", p.name());
        }
    }

    /** The live resources of a HostConfig, as the spec generator maps them (devices' blkio limits aside). */
    static Spec.Resources resources(HostConfig hc) {
        Long limit = positive(hc.memory()), reservation = positive(hc.memoryReservation());
        Long swap = v(hc.memorySwap()) > 0 || v(hc.memorySwap()) == -1 ? hc.memorySwap() : null;
        Spec.Memory memory = limit == null && reservation == null && swap == null ? null
                : new Spec.Memory(limit, reservation, swap, null, null, null, null, null, null);
        Long period = null, quota = null;
        if (v(hc.nanoCpus()) > 0) {
            period = CFS_PERIOD;
            quota = hc.nanoCpus() * CFS_PERIOD / 1_000_000_000L;
        }
        if (v(hc.cpuPeriod()) != 0) period = hc.cpuPeriod();
        if (v(hc.cpuQuota()) != 0) quota = hc.cpuQuota();
        String cpus = empty(hc.cpusetCpus()), mems = empty(hc.cpusetMems());
        Long shares = positive(hc.cpuShares());
        Spec.Cpu cpu = shares == null && period == null && quota == null && cpus == null && mems == null ? null
                : new Spec.Cpu(shares, quota, period, null, null, cpus, mems, null);
        Spec.Pids pids = new Spec.Pids(hc.pidsLimit() == null || hc.pidsLimit() <= 0 ? -1 : hc.pidsLimit());
        Spec.BlockIO blkio = hc.blkioWeight() == null || hc.blkioWeight() == 0 ? null
                : new Spec.BlockIO(hc.blkioWeight(), null, null, null, null, null, null);
        return new Spec.Resources(null, memory, cpu, pids, blkio, null, null);
    }

    private static BerthException conflict(String message) {
        return new BerthException(BerthException.Kind.CONFLICT, message);
    }

    private static long v(Long x) {
        return x == null ? 0 : x;
    }

    private static Long positive(Long x) {
        return x != null && x > 0 ? x : null;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
