package dev.berth.cgroups;

import java.util.Objects;
import java.util.Set;

/**
 * One step of building {@code /sys/fs/cgroup} inside a container, as data for the runtime to carry out in order.
 * <ul>
 *   <li>{@code tmpfs}: mount a tmpfs at {@code destination} ({@code source} is the fs name, "cgroup"). When
 *       {@code readonly}, remount it read-only only after every later step below it is done (as runc does).</li>
 *   <li>{@code bind}: bind-mount the host path {@code source} onto {@code destination} (create the directory first),
 *       then remount read-only when {@code readonly}.</li>
 *   <li>{@code cgroup2}: mount a cgroup2 filesystem ({@code source} "cgroup") at {@code destination}.</li>
 *   <li>{@code symlink}: create the symlink {@code destination} pointing to {@code source} (a relative name such as
 *       {@code cpu,cpuacct}); {@code readonly} is meaningless and false.</li>
 * </ul>
 * Destinations are paths inside the container; bind sources are host paths.
 */
public record CgroupMount(String kind, String source, String destination, boolean readonly) {
    public static final String TMPFS = "tmpfs", BIND = "bind", CGROUP2 = "cgroup2", SYMLINK = "symlink";
    private static final Set<String> KINDS = Set.of(TMPFS, BIND, CGROUP2, SYMLINK);

    public CgroupMount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (!KINDS.contains(kind)) throw new IllegalArgumentException("unknown cgroup mount kind " + kind);
        if (!destination.startsWith("/")) throw new IllegalArgumentException("cgroup mount destination must be absolute: " + destination);
    }

    public static CgroupMount tmpfs(String destination, boolean readonly) {
        return new CgroupMount(TMPFS, "cgroup", destination, readonly);
    }

    public static CgroupMount bind(String hostSource, String destination, boolean readonly) {
        return new CgroupMount(BIND, hostSource, destination, readonly);
    }

    public static CgroupMount cgroup2(String destination, boolean readonly) {
        return new CgroupMount(CGROUP2, "cgroup", destination, readonly);
    }

    public static CgroupMount symlink(String target, String linkPath) {
        return new CgroupMount(SYMLINK, target, linkPath, false);
    }
}
