package dev.berth.cgroups;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The value conversions between OCI resources and cgroupfs file contents, as runc does them; pure.
 * Convention: in the OCI spec a limit of 0 or null means "not set", -1 means unlimited.
 */
public final class CgroupValues {
    public static final long MIN_CPU_SHARES = 2, MAX_CPU_SHARES = 262144;
    public static final int MIN_BLKIO_WEIGHT = 10, MAX_BLKIO_WEIGHT = 1000;
    private static final Pattern HUGEPAGE_SIZE = Pattern.compile("[0-9]+[KMG]B");

    private CgroupValues() {}

    /** True when an OCI numeric field asks for a change (non-null, non-zero). */
    public static boolean isSet(Long value) {
        return value != null && value != 0;
    }

    /** cgroup v1 byte limits: -1 is unlimited, other values must be positive. */
    public static String v1Bytes(String what, long value) {
        if (value < -1) throw BerthException.invalid("invalid %s %d: must be positive or -1 (unlimited)", what, value);
        return Long.toString(value);
    }

    /** cgroup v2 limits: -1 becomes "max". */
    public static String v2Max(String what, long value) {
        if (value < -1) throw BerthException.invalid("invalid %s %d: must be positive or -1 (unlimited)", what, value);
        return value == -1 ? "max" : Long.toString(value);
    }

    /** pids.max on both versions: a limit of 0 or below means no limit (Docker's --pids-limit 0 and -1). */
    public static String pidsMax(long limit) {
        return limit > 0 ? Long.toString(limit) : "max";
    }

    public static void checkCpuShares(long shares) {
        if (shares < MIN_CPU_SHARES || shares > MAX_CPU_SHARES)
            throw BerthException.invalid("invalid cpu shares %d: must be between %d and %d", shares, MIN_CPU_SHARES, MAX_CPU_SHARES);
    }

    /** cgroup v2 cpu.weight (1..10000) for v1 cpu.shares (2..262144), runc's linear mapping. */
    public static long cpuWeight(long shares) {
        checkCpuShares(shares);
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    public static void checkBlkioWeight(String what, long weight) {
        if (weight < MIN_BLKIO_WEIGHT || weight > MAX_BLKIO_WEIGHT)
            throw BerthException.invalid("invalid %s %d: must be between %d and %d", what, weight, MIN_BLKIO_WEIGHT, MAX_BLKIO_WEIGHT);
    }

    /** cgroup v2 io.weight (1..10000) for a v1 blkio weight (10..1000), runc's linear mapping. */
    public static long ioWeight(long blkioWeight) {
        checkBlkioWeight("blkio weight", blkioWeight);
        return 1 + ((blkioWeight - 10) * 9999) / 990;
    }

    /**
     * memory.swap.max for OCI's swap (memory+swap total) and memory limit, as runc converts it. Empty: leave the
     * file alone; -1: unlimited ("max"); otherwise the swap-only amount (0 disables swap).
     */
    public static OptionalLong swapV2(Long swap, Long memory) {
        long s = swap == null ? 0 : swap, m = memory == null ? 0 : memory;
        if (m == -1 && s == 0) return OptionalLong.of(-1);
        if (s == -1) return OptionalLong.of(-1);
        if (s == 0) return OptionalLong.empty();
        if (s < 0) throw BerthException.invalid("invalid memory+swap limit %d", s);
        if (m == 0 || m == -1) throw BerthException.invalid("cannot set a memory+swap limit (%d) without a memory limit", s);
        if (m < 0) throw BerthException.invalid("invalid memory limit %d", m);
        if (s < m) throw BerthException.invalid("memory+swap limit (%d) must be at least the memory limit (%d)", s, m);
        return OptionalLong.of(s - m);
    }

    /**
     * cpu.max "QUOTA PERIOD" for OCI quota/period. A null quota keeps the current one (from {@code currentCpuMax},
     * e.g. "max 100000"); a null period is left out so the kernel keeps it. Empty when neither is set.
     */
    public static Optional<String> cpuMax(Long quota, Long period, String currentCpuMax) {
        if (!isSet(quota) && !isSet(period)) return Optional.empty();
        String q;
        if (isSet(quota)) {
            if (quota < -1) throw BerthException.invalid("invalid cpu quota %d: must be positive or -1 (unlimited)", quota);
            q = quota > 0 ? Long.toString(quota) : "max";
        } else {
            String cur = currentCpuMax == null ? "" : currentCpuMax.trim();
            q = cur.isEmpty() ? "max" : cur.split("\\s+")[0];
        }
        if (!isSet(period)) return Optional.of(q);
        if (period < 0) throw BerthException.invalid("invalid cpu period %d", period);
        return Optional.of(q + " " + period);
    }

    /** "MAJ:MIN RATE", a line of v1 blkio.throttle.*_device; a rate of 0 removes the device's limit. */
    public static String throttleV1(Spec.ThrottleDevice d) {
        checkDevice(d.major(), d.minor());
        if (d.rate() < 0) throw BerthException.invalid("invalid throttle rate %d for device %d:%d", d.rate(), d.major(), d.minor());
        return d.major() + ":" + d.minor() + " " + d.rate();
    }

    /** "MAJ:MIN KEY=RATE", a line of v2 io.max; a rate of 0 removes the limit ("max"), as in v1. */
    public static String ioMax(String key, Spec.ThrottleDevice d) {
        checkDevice(d.major(), d.minor());
        if (d.rate() < 0) throw BerthException.invalid("invalid throttle rate %d for device %d:%d", d.rate(), d.major(), d.minor());
        return d.major() + ":" + d.minor() + " " + key + "=" + (d.rate() == 0 ? "max" : Long.toString(d.rate()));
    }

    /** "MAJ:MIN WEIGHT" for blkio.weight_device, blkio.bfq.weight_device and io.bfq.weight. */
    public static String weightDevice(long major, long minor, int weight) {
        checkDevice(major, minor);
        checkBlkioWeight("blkio weight of device " + major + ":" + minor, weight);
        return major + ":" + minor + " " + weight;
    }

    /** The page size part of hugetlb file names ("2MB", "1GB"), checked so it cannot name another file. */
    public static String hugepageSize(String pageSize) {
        if (pageSize == null || !HUGEPAGE_SIZE.matcher(pageSize).matches())
            throw BerthException.invalid("invalid hugepage size \"%s\": expected a size such as 2MB or 1GB", pageSize);
        return pageSize;
    }

    /** memory.swappiness (v1 only): null or -1 leaves the inherited value. */
    public static Optional<String> swappiness(Long swappiness) {
        if (swappiness == null || swappiness == -1) return Optional.empty();
        if (swappiness < 0 || swappiness > 100)
            throw BerthException.invalid("invalid memory swappiness %d: must be between 0 and 100", swappiness);
        return Optional.of(Long.toString(swappiness));
    }

    private static void checkDevice(long major, long minor) {
        if (major < 0 || minor < 0) throw BerthException.invalid("invalid device %d:%d", major, minor);
    }
}
