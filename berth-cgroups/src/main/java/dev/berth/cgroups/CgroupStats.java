package dev.berth.cgroups;

/**
 * A snapshot of a container cgroup's counters, the fields {@code docker stats} needs. Byte counts are bytes, CPU
 * times nanoseconds. An unlimited memory limit is {@link Long#MAX_VALUE}; an unlimited pids limit is 0 (as runc and
 * Docker report it). Counters whose controller is absent are 0.
 */
public record CgroupStats(long memoryUsage, long memoryLimit, long memoryMaxUsage, long memoryCache,
                          long cpuUsageNanos, long cpuUserNanos, long cpuSystemNanos,
                          long pidsCurrent, long pidsLimit, long ioReadBytes, long ioWriteBytes, long oomKills) {}
