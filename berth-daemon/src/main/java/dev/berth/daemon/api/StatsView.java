package dev.berth.daemon.api;

import dev.berth.cgroups.CgroupStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's stats JSON (types.StatsJSON) from two samples of a container's cgroup and the host's CPU
 * time. The CLI's CPU % is (Δ container CPU / Δ host CPU) × online CPUs, so both samples matter; a
 * stopped container's sample is {@link Sample#EMPTY}, shown with Docker's zero times.
 */
final class StatsView {
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** One reading: the cgroup's counters (null: not running) and the host's /proc/stat total at that moment. */
    record Sample(Instant read, CgroupStats cgroup, long systemCpuNanos, int onlineCpus) {
        static final Sample EMPTY = new Sample(null, null, 0, 0);
    }

    private StatsView() {}

    static Map<String, Object> json(String name, String id, Sample cur, Sample pre, long hostMemory) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", cur.read() == null ? ZERO_TIME : cur.read().toString());
        m.put("preread", pre.read() == null ? ZERO_TIME : pre.read().toString());
        CgroupStats c = cur.cgroup();
        Map<String, Object> pids = new LinkedHashMap<>();
        if (c != null) {
            pids.put("current", c.pidsCurrent());
            if (c.pidsLimit() > 0) pids.put("limit", c.pidsLimit());
        }
        m.put("pids_stats", pids);
        m.put("blkio_stats", blkio(c));
        m.put("num_procs", 0);
        m.put("storage_stats", Map.of());
        m.put("cpu_stats", cpu(cur));
        m.put("precpu_stats", cpu(pre));
        m.put("memory_stats", memory(c, hostMemory));
        m.put("name", name);
        m.put("id", id);
        return m;
    }

    private static Map<String, Object> blkio(CgroupStats c) {
        Map<String, Object> b = new LinkedHashMap<>();
        // The cgroup counters are totals over devices; they are reported on one entry per direction.
        b.put("io_service_bytes_recursive", c == null ? null : List.of(
                Map.of("major", 0, "minor", 0, "op", "read", "value", c.ioReadBytes()),
                Map.of("major", 0, "minor", 0, "op", "write", "value", c.ioWriteBytes())));
        for (String k : List.of("io_serviced_recursive", "io_queue_recursive", "io_service_time_recursive", "io_wait_time_recursive",
                "io_merged_recursive", "io_time_recursive", "sectors_recursive")) b.put(k, null);
        return b;
    }

    private static Map<String, Object> cpu(Sample s) {
        CgroupStats c = s.cgroup();
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_usage", c == null ? 0 : c.cpuUsageNanos());
        usage.put("usage_in_kernelmode", c == null ? 0 : c.cpuSystemNanos());
        usage.put("usage_in_usermode", c == null ? 0 : c.cpuUserNanos());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cpu_usage", usage);
        if (c != null) {
            cpu.put("system_cpu_usage", s.systemCpuNanos());
            cpu.put("online_cpus", s.onlineCpus());
        }
        cpu.put("throttling_data", Map.of("periods", 0, "throttled_periods", 0, "throttled_time", 0));
        return cpu;
    }

    private static Map<String, Object> memory(CgroupStats c, long hostMemory) {
        Map<String, Object> mem = new LinkedHashMap<>();
        if (c == null) return mem;
        mem.put("usage", c.memoryUsage());
        if (c.memoryMaxUsage() > 0) mem.put("max_usage", c.memoryMaxUsage());
        mem.put("stats", Map.of("cache", c.memoryCache()));
        if (c.oomKills() > 0) mem.put("failcnt", c.oomKills());
        mem.put("limit", c.memoryLimit() == Long.MAX_VALUE || c.memoryLimit() <= 0 ? hostMemory : Math.min(c.memoryLimit(), hostMemory));
        return mem;
    }

    /** The host's CPU time in nanoseconds as Docker counts it: /proc/stat's "cpu" line, user to steal, at 100 ticks a second. */
    static long systemCpuNanos(String procStat) {
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu ")) continue;
            String[] f = line.trim().split("\\s+");
            long ticks = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) ticks += Long.parseLong(f[i]);
            return ticks * (1_000_000_000L / 100);
        }
        throw new IllegalArgumentException("no cpu line in /proc/stat");
    }

    /** Online CPUs: the "cpuN" lines of /proc/stat. */
    static int onlineCpus(String procStat) {
        int n = 0;
        for (String line : procStat.split("\n")) if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) n++;
        return Math.max(n, 1);
    }

    /** MemTotal of /proc/meminfo in bytes. */
    static long hostMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo")))
                if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }
}
