package dev.berth.engine.spec;

import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.ThrottleDevice;
import dev.berth.engine.model.WeightDevice;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * linux.resources from HostConfig, as dockerd's WithResources (getMemoryResources,
 * getCPUResources, getPidsLimit, the blkio helpers) maps them. Zero means "not set" for every
 * number, as in Docker; fields left unset are null rather than Docker's explicit zeros (shares 0,
 * blkio weight 0), which runc ignores anyway. On cgroup v2 hosts, as dockerd's sysinfo says
 * there, MemorySwappiness and OomKillDisable are dropped. KernelMemory and KernelMemoryTCP are
 * dropped everywhere (deprecated by the kernel, absent from cgroup v2).
 */
final class ResourcePlanner {
    static final long CFS_PERIOD = 100_000;

    /** The host look-ups the blkio device options need. */
    record Devices(DeviceLookup lookup, Predicate<Path> exists) {}

    private ResourcePlanner() {}

    /** @param hc a HostConfig with Docker's defaults applied */
    static Spec.Resources plan(HostConfig hc, List<Spec.DeviceRule> deviceRules, Devices devices, boolean cgroupV2) {
        return new Spec.Resources(deviceRules, memory(hc, cgroupV2), cpu(hc), pids(hc), blockIO(hc, devices), null, null);
    }

    private static Spec.Memory memory(HostConfig hc, boolean cgroupV2) {
        Long limit = positive(hc.memory());
        Long reservation = positive(hc.memoryReservation());
        Long swap = positive(hc.memorySwap());
        Long swappiness = cgroupV2 || hc.memorySwappiness() == null || hc.memorySwappiness() == -1 ? null : hc.memorySwappiness();
        Boolean disableOom = cgroupV2 ? null : hc.oomKillDisable();
        if (limit == null && reservation == null && swap == null && swappiness == null && disableOom == null) return null;
        return new Spec.Memory(limit, reservation, swap, null, null, swappiness, disableOom, null, null);
    }

    private static Spec.Cpu cpu(HostConfig hc) {
        Long shares = positive(hc.cpuShares());
        Long period = null;
        Long quota = null;
        long nano = HostConfigDefaults.value(hc.nanoCpus());
        if (nano > 0) {
            period = CFS_PERIOD;
            quota = nano * CFS_PERIOD / 1_000_000_000L;
        }
        if (HostConfigDefaults.value(hc.cpuPeriod()) != 0) period = hc.cpuPeriod();
        if (HostConfigDefaults.value(hc.cpuQuota()) != 0) quota = hc.cpuQuota();
        Long rtPeriod = nonZero(hc.cpuRealtimePeriod());
        Long rtRuntime = nonZero(hc.cpuRealtimeRuntime());
        String cpus = empty(hc.cpusetCpus());
        String mems = empty(hc.cpusetMems());
        if (shares == null && period == null && quota == null && rtPeriod == null && rtRuntime == null
                && cpus == null && mems == null) return null;
        return new Spec.Cpu(shares, quota, period, rtRuntime, rtPeriod, cpus, mems, null);
    }

    /** A positive PidsLimit; 0 or less is "unlimited", which dockerd's create leaves out of the spec. */
    private static Spec.Pids pids(HostConfig hc) {
        return hc.pidsLimit() == null || hc.pidsLimit() <= 0 ? null : new Spec.Pids(hc.pidsLimit());
    }

    private static Spec.BlockIO blockIO(HostConfig hc, Devices lookup) {
        Integer weight = hc.blkioWeight() == null || hc.blkioWeight() == 0 ? null : hc.blkioWeight();
        List<Spec.WeightDevice> weights = new ArrayList<>();
        for (WeightDevice w : nullToEmpty(hc.blkioWeightDevice())) {
            Spec.Device d = node(w.path(), lookup);
            weights.add(new Spec.WeightDevice(d.major(), d.minor(), w.weight(), null));
        }
        List<Spec.ThrottleDevice> readBps = throttle(hc.blkioDeviceReadBps(), lookup);
        List<Spec.ThrottleDevice> writeBps = throttle(hc.blkioDeviceWriteBps(), lookup);
        List<Spec.ThrottleDevice> readIops = throttle(hc.blkioDeviceReadIOps(), lookup);
        List<Spec.ThrottleDevice> writeIops = throttle(hc.blkioDeviceWriteIOps(), lookup);
        if (weight == null && weights.isEmpty() && readBps == null && writeBps == null && readIops == null && writeIops == null) {
            return null;
        }
        return new Spec.BlockIO(weight, null, weights.isEmpty() ? null : List.copyOf(weights),
                readBps, writeBps, readIops, writeIops);
    }

    private static List<Spec.ThrottleDevice> throttle(List<ThrottleDevice> devices, Devices lookup) {
        if (devices == null || devices.isEmpty()) return null;
        List<Spec.ThrottleDevice> out = new ArrayList<>();
        for (ThrottleDevice t : devices) {
            Spec.Device d = node(t.path(), lookup);
            out.add(new Spec.ThrottleDevice(d.major(), d.minor(), HostConfigDefaults.value(t.rate())));
        }
        return List.copyOf(out);
    }

    /**
     * The device node at path; dockerd's stat error when nothing is there. Where dockerd would
     * take a file that is no device as device 0:0, Berth refuses it.
     */
    private static Spec.Device node(String path, Devices devices) {
        String p = path == null ? "" : path;
        for (Spec.Device d : p.isEmpty() ? List.<Spec.Device>of() : devices.lookup().devicesAt(p)) {
            if (d.path().equals(p)) return d;
        }
        if (p.isEmpty() || !devices.exists().test(Path.of(p))) throw Errors.invalid("stat " + p + ": no such file or directory");
        throw Errors.invalid("stat " + p + ": not a device node");
    }

    private static Long positive(Long v) {
        return v != null && v > 0 ? v : null;
    }

    private static Long nonZero(Long v) {
        return v != null && v != 0 ? v : null;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
