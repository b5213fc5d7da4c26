package dev.berth.cgroups.v1;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One mounted cgroup v1 hierarchy.
 *
 * @param name        its directory name under the cgroup root ("memory", "cpu,cpuacct", "systemd")
 * @param mountPoint  where it is mounted
 * @param controllers the controllers it carries ("cpu", "cpuacct"), or "name=systemd" for a named hierarchy
 * @param aliases     symlinks in the cgroup root pointing at it ("cpu" and "cpuacct" for "cpu,cpuacct")
 */
public record V1Hierarchy(String name, Path mountPoint, Set<String> controllers, List<String> aliases) {
    public V1Hierarchy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mountPoint, "mountPoint");
        controllers = Set.copyOf(controllers);
        aliases = List.copyOf(aliases);
        if (controllers.isEmpty()) throw new IllegalArgumentException("cgroup hierarchy " + mountPoint + " has no controller");
    }

    public boolean has(String controller) {
        return controllers.contains(controller);
    }
}
