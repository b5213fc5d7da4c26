package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.StatParsers;
import java.util.Map;
import java.util.Optional;

/** Reads {@link CgroupStats} from the v1 memory, cpuacct, pids and blkio files; absent files count as 0. */
final class V1Stats {
    private V1Stats() {}

    static CgroupStats read(Optional<CgroupDir> memory, Optional<CgroupDir> cpuacct, Optional<CgroupDir> pids,
                            Optional<CgroupDir> blkio) {
        long usage = 0, limit = Long.MAX_VALUE, maxUsage = 0, cache = 0, oomKills = 0;
        if (memory.isPresent()) {
            CgroupDir m = memory.get();
            usage = number(m, "memory.usage_in_bytes");
            limit = m.readIfPresent(V1Memory.LIMIT).map(StatParsers::limit).orElse(Long.MAX_VALUE);
            maxUsage = number(m, "memory.max_usage_in_bytes");
            Map<String, Long> stat = flat(m, "memory.stat");
            cache = stat.getOrDefault("total_cache", stat.getOrDefault("cache", 0L));
            oomKills = oomKills(m);
        }
        long cpu = 0, user = 0, system = 0;
        if (cpuacct.isPresent()) {
            cpu = number(cpuacct.get(), "cpuacct.usage");
            Map<String, Long> stat = flat(cpuacct.get(), "cpuacct.stat");
            user = StatParsers.ticksToNanos(stat.getOrDefault("user", 0L));
            system = StatParsers.ticksToNanos(stat.getOrDefault("system", 0L));
        }
        long pidsCurrent = 0, pidsLimit = 0;
        if (pids.isPresent()) {
            pidsCurrent = number(pids.get(), "pids.current");
            pidsLimit = pids.get().readIfPresent(V1Pids.MAX).map(s -> s.equals("max") ? 0 : StatParsers.number(s)).orElse(0L);
        }
        long read = 0, write = 0;
        if (blkio.isPresent()) {
            CgroupDir b = blkio.get();
            String text = b.readIfPresent("blkio.throttle.io_service_bytes_recursive")
                    .or(() -> b.readIfPresent("blkio.throttle.io_service_bytes")).orElse("");
            Map<String, Long> io = StatParsers.blkioTotals(text);
            read = io.getOrDefault("Read", 0L);
            write = io.getOrDefault("Write", 0L);
        }
        return new CgroupStats(usage, limit, maxUsage, cache, cpu, user, system, pidsCurrent, pidsLimit, read, write, oomKills);
    }

    static long oomKills(CgroupDir memory) {
        return flat(memory, V1Memory.OOM_CONTROL).getOrDefault("oom_kill", 0L);
    }

    private static long number(CgroupDir d, String file) {
        return d.readIfPresent(file).map(StatParsers::number).orElse(0L);
    }

    private static Map<String, Long> flat(CgroupDir d, String file) {
        return StatParsers.flatKeyed(d.readIfPresent(file).orElse(""));
    }
}
