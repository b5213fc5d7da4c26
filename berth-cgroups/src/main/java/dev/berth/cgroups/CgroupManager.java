package dev.berth.cgroups;

import dev.berth.oci.runtime.Spec;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup of one container, on cgroup v1 (one directory per hierarchy) or v2 (one directory), managed through
 * cgroupfs files as runc's cgroupfs driver does.
 *
 * <p>Lifecycle: {@link #create} makes the directories and applies the limits; the runtime then makes the container's
 * init join by writing its pid to every file of {@link #procsFiles()}; while the container runs, {@link #update},
 * {@link #freeze}, {@link #pids}, {@link #stats} and {@link #oomKilled} may be called; once every process is dead,
 * {@link #destroy} removes the directories. Example:
 * <pre>{@code
 * CgroupManager cg = Cgroups.manager(Path.of("/sys/fs/cgroup"), Cgroups.detect(Path.of("/sys/fs/cgroup")), "/berth/" + id);
 * cg.create(spec.linux().resources());
 * for (Path procs : cg.procsFiles()) Files.writeString(procs, Integer.toString(pid));
 * ...
 * cg.destroy();
 * }</pre>
 *
 * <p>Resource values follow the OCI runtime spec (and runc): a null field, or 0 for limits, leaves the setting
 * alone; -1 means unlimited. Failures throw {@link dev.berth.common.BerthException} naming the cgroup file.
 * Not thread-safe: one caller at a time per container.
 */
public interface CgroupManager {
    /**
     * Creates the container's cgroup (every v1 hierarchy, or the v2 directory, enabling the controllers needed in the
     * ancestors' {@code cgroup.subtree_control}) and applies {@code resources} (may be null). On failure the
     * directories it made for the container are removed again.
     */
    void create(Spec.Resources resources);

    /**
     * The {@code cgroup.procs} files a process joins by writing its pid: one per v1 hierarchy (co-mounted
     * controllers share one), one on v2.
     */
    List<Path> procsFiles();

    /** Changes the resources of a live cgroup ({@code docker update}); only non-null fields change. */
    void update(Spec.Resources resources);

    /**
     * Freezes (true) or thaws (false) every process of the cgroup and waits until the kernel reports the state
     * reached (v1 {@code freezer.state}, v2 {@code cgroup.events frozen}).
     */
    void freeze(boolean frozen);

    boolean frozen();

    /** Pids of every process in the cgroup and its descendants, ascending. */
    List<Integer> pids();

    CgroupStats stats();

    /** True once the OOM killer has killed a process of this cgroup. */
    boolean oomKilled();

    /**
     * Removes the cgroup directories, children first, retrying briefly while the last processes exit (EBUSY).
     * Idempotent: missing directories are fine.
     */
    void destroy();

    /**
     * How {@code /sys/fs/cgroup} should look inside the container: Docker's default read-only view of the container's
     * own cgroup, as mounts for the runtime to perform in order.
     */
    List<CgroupMount> containerView(boolean privateCgroupNamespace);
}
