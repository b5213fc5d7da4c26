package dev.berth.engine.spec;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Docker's checks need to know about the host (its sysinfo): the CPUs a container may use
 * and the cgroup layout.
 *
 * @param onlineCpus the CPU count of "Range of CPUs is from 0.01 to N.00" (Go's runtime.NumCPU)
 * @param availableCpus the cpuset CPUs a container may ask for, in cpuset list form ("0-3")
 * @param availableMems the cpuset memory nodes a container may ask for ("0")
 * @param cgroupV2 a unified (v2-only) cgroup hierarchy; a hybrid host counts as v1, as in Docker.
 *     On v2 Docker discards MemorySwappiness, OomKillDisable and KernelMemory, refuses realtime
 *     CPU settings, and gives containers a private cgroup namespace by default.
 */
public record HostInfo(int onlineCpus, String availableCpus, String availableMems, boolean cgroupV2) {
    public HostInfo {
        if (onlineCpus < 1) throw BerthException.invalid("onlineCpus must be at least 1, got %d", onlineCpus);
        CpusetList.parse(availableCpus, 0);
        CpusetList.parse(availableMems, 0);
    }

    /** A host with CPUs 0..cpus-1 and memory node 0. */
    public static HostInfo of(int cpus, boolean cgroupV2) {
        return new HostInfo(cpus, cpus == 1 ? "0" : "0-" + (cpus - 1), "0", cgroupV2);
    }

    /**
     * Reads this host's values: the JVM's available processors, the root cgroup's effective cpuset
     * (else /sys/devices/system/cpu/online), the online NUMA nodes, and whether /sys/fs/cgroup is
     * a cgroup2 mount with controllers (cgroup.controllers present and no v1 cpu controller).
     */
    public static HostInfo detect() {
        int cpus = Runtime.getRuntime().availableProcessors();
        String cpuList = firstReadable("0-" + (cpus - 1),
                Path.of("/sys/fs/cgroup/cpuset.cpus.effective"), Path.of("/sys/devices/system/cpu/online"));
        String memList = firstReadable("0",
                Path.of("/sys/fs/cgroup/cpuset.mems.effective"), Path.of("/sys/devices/system/node/online"));
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
                && !Files.exists(Path.of("/sys/fs/cgroup/cpu"));
        return new HostInfo(cpus, cpuList, memList, v2);
    }

    private static String firstReadable(String fallback, Path... files) {
        for (Path f : files) {
            try {
                String s = Files.readString(f, StandardCharsets.US_ASCII).trim();
                if (!s.isEmpty()) return s;
            } catch (IOException e) {
                // try the next source
            }
        }
        return fallback;
    }
}
