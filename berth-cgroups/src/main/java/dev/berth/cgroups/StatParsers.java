package dev.berth.cgroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsers of cgroupfs file formats; pure. Malformed lines are skipped: a stats read must not fail on them. */
public final class StatParsers {
    /** USER_HZ, the unit of cpuacct.stat: 100 on every Linux architecture Berth runs on. */
    public static final long USER_HZ = 100;
    /** cgroup v1 shows "no limit" as LONG_MAX rounded down to a page; anything this large is unlimited. */
    private static final long V1_UNLIMITED_FLOOR = 0x7FFFFFFFFFFFF000L;

    private StatParsers() {}

    /** "key value" lines (memory.stat, cpu.stat, memory.events, cpuacct.stat, memory.oom_control). */
    public static Map<String, Long> flatKeyed(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            try {
                out.put(f[0], Long.parseLong(f[1]));
            } catch (NumberFormatException e) {
                // a non-numeric value: not a counter
            }
        }
        return out;
    }

    /** io.stat ("8:0 rbytes=1 wbytes=2 ...") summed over devices, per key. */
    public static Map<String, Long> ioStatTotals(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) continue;
                try {
                    out.merge(f[i].substring(0, eq), Long.parseLong(f[i].substring(eq + 1)), Long::sum);
                } catch (NumberFormatException e) {
                    // skip
                }
            }
        }
        return out;
    }

    /** blkio.*io_service_bytes ("8:0 Read 123" ... "Total 456") summed over devices, per operation. */
    public static Map<String, Long> blkioTotals(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 3 || f[0].indexOf(':') < 0) continue;
            try {
                out.merge(f[1], Long.parseLong(f[2]), Long::sum);
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }

    /** A limit file's value: "max" (v2) or v1's page-rounded LONG_MAX become {@link Long#MAX_VALUE}. */
    public static long limit(String text) {
        String t = text.trim();
        if (t.equals("max")) return Long.MAX_VALUE;
        long v = Long.parseLong(t);
        return v >= V1_UNLIMITED_FLOOR ? Long.MAX_VALUE : v;
    }

    /** A single number, or 0 when the text is not one. */
    public static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** cgroup.procs: one pid per line. */
    public static List<Integer> pids(String text) {
        List<Integer> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (!t.isEmpty()) out.add(Integer.parseInt(t));
        }
        return out;
    }

    public static long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / USER_HZ);
    }
}
