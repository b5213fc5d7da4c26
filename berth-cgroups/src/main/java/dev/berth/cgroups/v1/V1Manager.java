package dev.berth.cgroups.v1;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupFs;
import dev.berth.cgroups.CgroupManager;
import dev.berth.cgroups.CgroupMount;
import dev.berth.cgroups.CgroupPaths;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.CgroupTree;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.sys.Errno;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A container cgroup on cgroup v1: the same path in every mounted hierarchy (including named ones such as
 * name=systemd), each controller's settings written in its own hierarchy.
 */
public final class V1Manager implements CgroupManager {
    private static final String CGROUP_ROOT_IN_CONTAINER = "/sys/fs/cgroup";
    private static final List<V1Controller> CONTROLLERS = List.of(
            new V1Cpuset(), new V1Memory(), new V1Cpu(), new V1Blkio(), new V1Pids(), new V1Devices(), new V1Hugetlb());

    private final List<V1Hierarchy> hierarchies;
    private final String path;
    private final CgroupFs fs;

    /** @param cgroupsPath the OCI cgroupsPath; relative paths go under {@value CgroupPaths#DEFAULT_PARENT} */
    public V1Manager(List<V1Hierarchy> hierarchies, String cgroupsPath, CgroupFs fs) {
        if (hierarchies.isEmpty()) throw new IllegalArgumentException("no cgroup v1 hierarchy");
        this.hierarchies = List.copyOf(hierarchies);
        this.path = CgroupPaths.normalize(cgroupsPath);
        this.fs = fs;
    }

    public List<V1Hierarchy> hierarchies() {
        return hierarchies;
    }

    /** The container's directory in hierarchy h. */
    public Path directory(V1Hierarchy h) {
        return h.mountPoint().resolve(path.substring(1));
    }

    @Override
    public void create(Spec.Resources resources) {
        check(resources);
        List<Path> made = new ArrayList<>();
        try {
            for (V1Hierarchy h : hierarchies) {
                if (makePath(h)) made.add(directory(h));
            }
            apply(resources);
        } catch (RuntimeException e) {
            for (Path d : made) {
                try {
                    CgroupTree.remove(fs, d);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Creates every missing level of the path in h; true when the container's own directory was new. */
    private boolean makePath(V1Hierarchy h) {
        Path current = h.mountPoint();
        boolean made = false;
        for (String segment : CgroupPaths.segments(path)) {
            Path parent = current;
            current = current.resolve(segment);
            try {
                made = fs.mkdir(current);
            } catch (Errno e) {
                throw new BerthException(e.errno() == Errno.EACCES || e.errno() == Errno.EPERM || e.errno() == Errno.EROFS
                        ? BerthException.Kind.PERMISSION_DENIED : BerthException.Kind.INTERNAL,
                        "cannot create cgroup " + current + ": " + e.getMessage(), e);
            }
            if (h.has("cpuset")) V1Cpuset.inheritFromParent(new CgroupDir(fs, current), new CgroupDir(fs, parent));
        }
        return made;
    }

    @Override
    public List<Path> procsFiles() {
        return hierarchies.stream().map(h -> directory(h).resolve("cgroup.procs")).toList();
    }

    @Override
    public void update(Spec.Resources resources) {
        check(resources);
        for (V1Hierarchy h : hierarchies) {
            if (!new CgroupDir(fs, directory(h)).exists()) throw BerthException.notFound("cgroup %s does not exist", directory(h));
        }
        apply(resources);
    }

    /** Refuses, before anything is written, what v1 cannot do at all. */
    private void check(Spec.Resources r) {
        if (r == null) return;
        if (r.unified() != null && !r.unified().isEmpty())
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "unified cgroup resources " + r.unified().keySet() + " need cgroup v2; this host uses cgroup v1");
        for (V1Controller c : CONTROLLERS) {
            if (c.requested(r) && hierarchy(c.controller()).isEmpty())
                throw new BerthException(BerthException.Kind.UNSUPPORTED, "the cgroup v1 " + c.controller()
                        + " controller is not mounted under " + hierarchies.getFirst().mountPoint().getParent());
        }
    }

    private void apply(Spec.Resources r) {
        if (r == null) return;
        for (V1Controller c : CONTROLLERS) {
            if (c.requested(r)) c.apply(dir(c.controller()).orElseThrow(), r);
        }
    }

    @Override
    public void freeze(boolean frozen) {
        V1Freezer.set(dir("freezer").orElseThrow(() -> new BerthException(BerthException.Kind.UNSUPPORTED,
                "the cgroup v1 freezer controller is not mounted")), frozen);
    }

    @Override
    public boolean frozen() {
        return dir("freezer").map(V1Freezer::isFrozen).orElse(false);
    }

    @Override
    public List<Integer> pids() {
        TreeSet<Integer> all = new TreeSet<>();
        for (V1Hierarchy h : hierarchies) all.addAll(CgroupTree.pids(directory(h)));
        return List.copyOf(all);
    }

    @Override
    public CgroupStats stats() {
        return V1Stats.read(dir("memory"), dir("cpuacct"), dir("pids"), dir("blkio"));
    }

    @Override
    public boolean oomKilled() {
        return dir("memory").map(V1Stats::oomKills).orElse(0L) > 0;
    }

    @Override
    public void destroy() {
        for (V1Hierarchy h : hierarchies) CgroupTree.remove(fs, directory(h));
    }

    /**
     * A tmpfs at /sys/fs/cgroup, then a read-only bind of the container's directory of every hierarchy onto
     * /sys/fs/cgroup/NAME, then the host's alias symlinks (cpu -> cpu,cpuacct). The same with or without a cgroup
     * namespace: the binds already show only the container's subtree.
     */
    @Override
    public List<CgroupMount> containerView(boolean privateCgroupNamespace) {
        List<CgroupMount> out = new ArrayList<>();
        out.add(CgroupMount.tmpfs(CGROUP_ROOT_IN_CONTAINER, true));
        for (V1Hierarchy h : hierarchies)
            out.add(CgroupMount.bind(directory(h).toString(), CGROUP_ROOT_IN_CONTAINER + "/" + h.name(), true));
        for (V1Hierarchy h : hierarchies) {
            for (String alias : h.aliases()) out.add(CgroupMount.symlink(h.name(), CGROUP_ROOT_IN_CONTAINER + "/" + alias));
        }
        return out;
    }

    private Optional<V1Hierarchy> hierarchy(String controller) {
        return hierarchies.stream().filter(h -> h.has(controller)).findFirst();
    }

    private Optional<CgroupDir> dir(String controller) {
        return hierarchy(controller).map(h -> new CgroupDir(fs, directory(h)));
    }
}
