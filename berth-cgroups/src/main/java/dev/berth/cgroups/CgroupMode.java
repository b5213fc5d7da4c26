package dev.berth.cgroups;

/**
 * How the host mounts cgroups at its cgroup root.
 * <ul>
 *   <li>{@link #LEGACY}: a tmpfs holding one cgroup v1 hierarchy per controller (or per group of co-mounted controllers).</li>
 *   <li>{@link #HYBRID}: like legacy, plus a cgroup2 mount at {@code unified/} that holds no controllers. Berth uses v1.</li>
 *   <li>{@link #UNIFIED}: the root itself is cgroup2. Berth uses v2.</li>
 * </ul>
 */
public enum CgroupMode {
    LEGACY, HYBRID, UNIFIED;

    /** True when containers get v1 hierarchies (legacy and hybrid hosts). */
    public boolean usesV1() {
        return this != UNIFIED;
    }
}
