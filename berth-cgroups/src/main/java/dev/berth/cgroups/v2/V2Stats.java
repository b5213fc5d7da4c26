package dev.berth.cgroups.v2;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.StatParsers;
import java.util.Map;

/** Reads {@link CgroupStats} from the v2 interface files; absent files (controller not enabled) count as 0. */
final class V2Stats {
    private V2Stats() {}

    static CgroupStats read(CgroupDir dir) {
        Map<String, Long> memStat = flat(dir, "memory.stat");
        Map<String, Long> cpuStat = flat(dir, "cpu.stat");
        Map<String, Long> io = StatParsers.ioStatTotals(dir.readIfPresent("io.stat").orElse(""));
        long pidsLimit = dir.readIfPresent(V2Pids.MAX).map(s -> s.equals("max") ? 0 : StatParsers.number(s)).orElse(0L);
        return new CgroupStats(
                number(dir, V2Memory.CURRENT),
                dir.readIfPresent(V2Memory.MAX).map(StatParsers::limit).orElse(Long.MAX_VALUE),
                number(dir, "memory.peak"),
                memStat.getOrDefault("file", 0L),
                cpuStat.getOrDefault("usage_usec", 0L) * 1000,
                cpuStat.getOrDefault("user_usec", 0L) * 1000,
                cpuStat.getOrDefault("system_usec", 0L) * 1000,
                number(dir, "pids.current"),
                pidsLimit,
                io.getOrDefault("rbytes", 0L),
                io.getOrDefault("wbytes", 0L),
                oomKills(dir));
    }

    static long oomKills(CgroupDir dir) {
        return flat(dir, "memory.events").getOrDefault("oom_kill", 0L);
    }

    private static long number(CgroupDir d, String file) {
        return d.readIfPresent(file).map(StatParsers::number).orElse(0L);
    }

    private static Map<String, Long> flat(CgroupDir d, String file) {
        return StatParsers.flatKeyed(d.readIfPresent(file).orElse(""));
    }
}
