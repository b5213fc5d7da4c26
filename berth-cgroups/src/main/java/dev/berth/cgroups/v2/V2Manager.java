package dev.berth.cgroups.v2;

import static dev.berth.cgroups.CgroupValues.isSet;

import dev.berth.cgroups.CgroupDir;
import dev.berth.cgroups.CgroupFs;
import dev.berth.cgroups.CgroupManager;
import dev.berth.cgroups.CgroupMount;
import dev.berth.cgroups.CgroupPaths;
import dev.berth.cgroups.CgroupStats;
import dev.berth.cgroups.CgroupTree;
import dev.berth.cgroups.DeviceRules;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.sys.Errno;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A container cgroup on cgroup v2: one directory below the unified root; its ancestors get the controllers it needs
 * enabled in their cgroup.subtree_control.
 *
 * <p>Device rules are not enforced on v2 (that needs an eBPF program, not written yet): Docker's default list and
 * allow-all are accepted, anything else is refused (see {@link DeviceRules#checkV2}).
 */
public final class V2Manager implements CgroupManager {
    private static final String CGROUP_ROOT_IN_CONTAINER = "/sys/fs/cgroup";
    private static final List<V2Controller> CONTROLLERS = List.of(
            new V2Cpuset(), new V2Memory(), new V2Cpu(), new V2Io(), new V2Pids(), new V2Hugetlb());

    private final Path root;
    private final String path;
    private final CgroupFs fs;
    private final CgroupDir dir;

    /** @param cgroupsPath the OCI cgroupsPath; relative paths go under {@value CgroupPaths#DEFAULT_PARENT} */
    public V2Manager(Path root, String cgroupsPath, CgroupFs fs) {
        this.root = root;
        this.path = CgroupPaths.normalize(cgroupsPath);
        this.fs = fs;
        this.dir = new CgroupDir(fs, root.resolve(path.substring(1)));
    }

    /** The container's cgroup directory. */
    public Path directory() {
        return dir.path();
    }

    @Override
    public void create(Spec.Resources resources) {
        check(resources);
        CgroupDir current = new CgroupDir(fs, root);
        boolean made = false;
        for (String segment : CgroupPaths.segments(path)) {
            V2SubtreeControl.enableForChildren(current);
            current = new CgroupDir(fs, current.path().resolve(segment));
            try {
                made = fs.mkdir(current.path());
            } catch (Errno e) {
                throw new BerthException(e.errno() == Errno.EACCES || e.errno() == Errno.EPERM || e.errno() == Errno.EROFS
                        ? BerthException.Kind.PERMISSION_DENIED : BerthException.Kind.INTERNAL,
                        "cannot create cgroup " + current.path() + ": " + e.getMessage(), e);
            }
        }
        try {
            apply(resources);
        } catch (RuntimeException e) {
            if (made) {
                try {
                    CgroupTree.remove(fs, dir.path());
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(dir.file("cgroup.procs"));
    }

    @Override
    public void update(Spec.Resources resources) {
        check(resources);
        if (!dir.exists()) throw BerthException.notFound("cgroup %s does not exist", dir.path());
        apply(resources);
    }

    /** Refuses, before anything is written, what this v2 support cannot do. */
    private static void check(Spec.Resources r) {
        if (r == null) return;
        DeviceRules.checkV2(r.devices());
        V2Unified.check(r.unified());
        if (r.cpu() != null && (isSet(r.cpu().realtimeRuntime()) || isSet(r.cpu().realtimePeriod())))
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "realtime CPU limits (cpu-rt-runtime, cpu-rt-period) need cgroup v1: cgroup v2 has no such files");
    }

    private void apply(Spec.Resources r) {
        if (r == null) return;
        Set<String> enabled = V2SubtreeControl.available(dir);
        for (V2Controller c : CONTROLLERS) {
            if (!c.requested(r)) continue;
            if (!enabled.contains(c.controller())) throw notEnabled(dir, c.controller(), enabled);
            c.apply(dir, r);
        }
        if (r.unified() != null) V2Unified.apply(dir, r.unified(), enabled);
    }

    static BerthException notEnabled(CgroupDir dir, String controller, Set<String> enabled) {
        return new BerthException(BerthException.Kind.UNSUPPORTED, "the cgroup v2 " + controller
                + " controller is not available for " + dir.path() + " (it has: " + (enabled.isEmpty() ? "none" : String.join(" ", enabled)) + ")");
    }

    @Override
    public void freeze(boolean frozen) {
        V2Freezer.set(dir, frozen);
    }

    @Override
    public boolean frozen() {
        return V2Freezer.isFrozen(dir);
    }

    @Override
    public List<Integer> pids() {
        return List.copyOf(CgroupTree.pids(dir.path()));
    }

    @Override
    public CgroupStats stats() {
        return V2Stats.read(dir);
    }

    @Override
    public boolean oomKilled() {
        return V2Stats.oomKills(dir) > 0;
    }

    @Override
    public void destroy() {
        CgroupTree.remove(fs, dir.path());
    }

    /** With its own cgroup namespace the container mounts cgroup2 itself; otherwise it gets a bind of its directory. */
    @Override
    public List<CgroupMount> containerView(boolean privateCgroupNamespace) {
        if (privateCgroupNamespace) return List.of(CgroupMount.cgroup2(CGROUP_ROOT_IN_CONTAINER, true));
        return List.of(CgroupMount.bind(dir.path().toString(), CGROUP_ROOT_IN_CONTAINER, true));
    }
}
