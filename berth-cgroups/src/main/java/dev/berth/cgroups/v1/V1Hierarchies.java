package dev.berth.cgroups.v1;

import dev.berth.cgroups.Mountinfo;
import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the cgroup v1 hierarchies mounted under a cgroup root: from /proc/self/mountinfo (the cgroup mounts whose
 * mount point is a child of the root), or, when the root holds no cgroup mount (a fake tree in tests), from its
 * subdirectories whose names list controllers.
 */
public final class V1Hierarchies {
    /** The v1 controllers the kernel knows; any other option of a cgroup mount is a mount flag. */
    public static final Set<String> KNOWN_CONTROLLERS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "blkio", "pids", "hugetlb", "net_cls", "net_prio", "perf_event", "rdma", "misc", "debug");

    private V1Hierarchies() {}

    public static List<V1Hierarchy> discover(Path root) {
        List<Mountinfo.Entry> mounts;
        try {
            mounts = Mountinfo.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw BerthException.internal("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        List<V1Hierarchy> found = fromMountinfo(root, mounts);
        if (found.isEmpty()) found = fromDirectories(root);
        if (found.isEmpty())
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "no cgroup v1 hierarchy is mounted under " + root);
        return found;
    }

    /** The hierarchies among mounts mounted directly below root, with their aliases read from root. */
    public static List<V1Hierarchy> fromMountinfo(Path root, List<Mountinfo.Entry> mounts) {
        Path r = root.toAbsolutePath().normalize();
        List<V1Hierarchy> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Mountinfo.Entry m : mounts) {
            if (!m.fsType().equals("cgroup")) continue;
            Path mp = Path.of(m.mountPoint()).normalize();
            if (!r.equals(mp.getParent()) || !seen.add(mp)) continue;
            Set<String> controllers = new LinkedHashSet<>();
            for (String o : m.superOptions()) if (KNOWN_CONTROLLERS.contains(o) || o.startsWith("name=")) controllers.add(o);
            if (controllers.isEmpty()) continue;
            out.add(new V1Hierarchy(mp.getFileName().toString(), mp, controllers, aliases(r, mp)));
        }
        out.sort(Comparator.comparing(V1Hierarchy::name));
        return out;
    }

    /**
     * The hierarchies of a tree laid out like /sys/fs/cgroup: each real subdirectory holding a cgroup.procs file and
     * no cgroup.controllers (that one is cgroup2). Its name lists its controllers ("cpu,cpuacct"); a name that is no
     * controller is a named hierarchy ("systemd" is "name=systemd").
     */
    public static List<V1Hierarchy> fromDirectories(Path root) {
        Path r = root.toAbsolutePath().normalize();
        List<V1Hierarchy> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(r)) {
            for (Path d : s) {
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || !Files.exists(d.resolve("cgroup.procs"))
                        || Files.exists(d.resolve("cgroup.controllers"))) continue;
                out.add(new V1Hierarchy(d.getFileName().toString(), d, controllersOf(d.getFileName().toString()), aliases(r, d)));
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot list cgroup root " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(V1Hierarchy::name));
        return out;
    }

    static Set<String> controllersOf(String dirName) {
        List<String> parts = Arrays.asList(dirName.split(","));
        if (KNOWN_CONTROLLERS.containsAll(parts)) return new LinkedHashSet<>(parts);
        return Set.of(dirName.startsWith("name=") ? dirName : "name=" + dirName);
    }

    /** Names of the symlinks directly in root that point at the hierarchy mounted at mountPoint. */
    private static List<String> aliases(Path root, Path mountPoint) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, Files::isSymbolicLink)) {
            for (Path link : s) {
                Path target = root.resolve(Files.readSymbolicLink(link)).normalize();
                if (target.equals(mountPoint)) out.add(link.getFileName().toString());
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
