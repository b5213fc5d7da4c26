package dev.berth.snapshot;

import dev.berth.common.BerthException;
import dev.berth.snapshot.internal.FdOverlayMount;
import dev.berth.snapshot.internal.FsCalls;
import dev.berth.snapshot.internal.MountErrors;
import dev.berth.snapshot.internal.MountFlags;
import dev.berth.snapshot.internal.MountInfo;
import dev.berth.snapshot.internal.OverlayOptions;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Carries out {@link Mount} lists in the calling process's mount namespace, and undoes them. The only entry
 * point of this module that mounts (its syscall helpers live in {@code internal}).
 *
 * <p><b>Long overlay stacks.</b> mount(2) takes at most one page of options, and an overlay of 60 layers
 * with absolute paths can need more. When the options do not fit, in order:
 * <ol>
 *   <li>{@link LongOverlay#NEW_MOUNT_API}: fsopen("overlay") and one {@code fsconfig(lowerdir+)} per layer,
 *   which has no length limit (Linux 6.8+; detected on first use, EINVAL on older kernels);</li>
 *   <li>{@link LongOverlay#PRIVATE_CWD}, the fallback that works on every kernel: the lower paths are
 *   rewritten relative to their common directory (for snapshots: {@code <root>/snapshots}, so each layer
 *   costs a few bytes such as {@code 17/fs}) and mount(2) is called from a short-lived platform thread that
 *   has unshared its fs attributes (unshare CLONE_FS) and changed into that directory, so the JVM's other
 *   threads keep their working directory. This is the relative-path trick of Docker's overlay2 and
 *   containerd, without forking. Symlink farms (overlay2's {@code l/} directory) are not needed and would be
 *   one more thing to keep consistent on disk.</li>
 * </ol>
 * Short option strings always use plain mount(2). When that fails with a bare EINVAL for an overlay, the
 * same request is replayed through fsconfig, so the error names the refused option and, where the kernel
 * leaves one on the context fd, its reason.
 */
public final class Mounter {
    /** How an overlay whose options exceed a page is mounted; see the class comment. */
    public enum LongOverlay { NEW_MOUNT_API, PRIVATE_CWD }

    private final LongOverlay longOverlay;
    private volatile boolean lowerdirPlusWorks = true;
    private volatile boolean fsopenWorks = true;

    /** A mounter that prefers the new mount API for long overlays and falls back to relative paths. */
    public Mounter() {
        this(LongOverlay.NEW_MOUNT_API);
    }

    public Mounter(LongOverlay longOverlay) {
        this.longOverlay = longOverlay;
    }

    /**
     * Mounts every entry, in order, on {@code target} (or on {@code target/<entry target>}). If one fails,
     * those already mounted are unmounted before the error is thrown.
     */
    public void mount(List<Mount> mounts, Path target) {
        Path root = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) throw BerthException.notFound("mount target %s: no such directory", root);
        List<Path> done = new ArrayList<>();
        try {
            for (Mount m : mounts) {
                Path dest = m.target() == null ? root : root.resolve(m.target());
                if (m.target() != null) Files.createDirectories(dest);
                mountOne(m, dest);
                done.add(dest);
            }
        } catch (IOException | RuntimeException e) {
            for (int i = done.size() - 1; i >= 0; i--) {
                try {
                    Libc.umount2(done.get(i).toString(), Libc.MNT_DETACH);
                } catch (Errno u) {
                    e.addSuppressed(u);
                }
            }
            if (e instanceof BerthException be) throw be;
            throw BerthException.internal("mount on " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unmounts everything mounted at {@code target} or below it, newest first (lazily, MNT_DETACH, where a
     * mount is busy). Nothing mounted there is not an error.
     */
    public void unmount(Path target) {
        Path root = target.toAbsolutePath().normalize();
        for (int round = 0; round < 64; round++) {
            List<Path> mounted = mountsUnder(root);
            if (mounted.isEmpty()) return;
            for (Path p : mounted) unmountOne(p.toString());
        }
        throw new BerthException(BerthException.Kind.INTERNAL, "unmount " + root + ": mounts keep reappearing: " + mountsUnder(root));
    }

    /** Mount points at {@code dir} or below it in this process's mount namespace, newest first. */
    public List<Path> mountsUnder(Path dir) {
        try {
            return MountInfo.under(Files.readString(Path.of("/proc/self/mountinfo")), dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw BerthException.internal("read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    private static void unmountOne(String where) {
        try {
            Libc.umount2(where, 0);
        } catch (Errno e) {
            if (e.errno() == Errno.EINVAL || e.errno() == Errno.ENOENT) return; // not (or no longer) a mount point
            if (e.errno() != Errno.EBUSY) throw MountErrors.of(e, "");
            try {
                Libc.umount2(where, Libc.MNT_DETACH);
            } catch (Errno d) {
                if (d.errno() != Errno.EINVAL) throw MountErrors.of(d, "");
            }
        }
    }

    private void mountOne(Mount m, Path dest) {
        MountFlags f = MountFlags.parse(m.options());
        String where = dest.toString();
        try {
            if (f.bind() || m.type().equals("bind")) {
                bind(m, f, where);
            } else if (OverlayOptions.fitsInPage(f.data())) {
                plainMount(m, f, where);
            } else if (!m.type().equals("overlay")) {
                throw BerthException.invalid("mount %s on %s: options longer than a page (%d bytes)", m.type(), where, f.data().length());
            } else if (!longOverlayByFd(m, f, where)) {
                overlayFromPrivateCwd(m, where);
            }
        } catch (Errno e) {
            throw MountErrors.of(e, e.errno() == Errno.ENOENT ? missingOverlayDir(m) : "");
        }
    }

    /** mount(2) says ENOENT without saying which of an overlay's many directories is missing. */
    private static String missingOverlayDir(Mount m) {
        if (!m.type().equals("overlay")) return "";
        List<String> dirs = new ArrayList<>(m.lowerDirs());
        m.option("upperdir").ifPresent(dirs::add);
        m.option("workdir").ifPresent(dirs::add);
        for (String d : dirs) if (!Files.isDirectory(Path.of(d))) return " (no directory " + d + ")";
        return "";
    }

    private void plainMount(Mount m, MountFlags f, String where) throws Errno {
        try {
            Libc.mount(m.source(), where, m.type(), f.flags(), f.data());
        } catch (Errno e) {
            if (!m.type().equals("overlay") || e.errno() != Errno.EINVAL || !fsopenWorks) throw e;
            // mount(2) said only EINVAL; the same request through fsconfig makes the kernel say why
            FdOverlayMount.Outcome o = FdOverlayMount.mount(m.options(), f.flags(), where, false);
            if (o == FdOverlayMount.Outcome.MOUNTED) return;
            fsopenWorks = false;
            throw MountErrors.of(e, " (the kernel log, dmesg, says why)");
        }
    }

    /** False when this kernel cannot take the layers one by one (no fsopen, or no overlay lowerdir+ before 6.8). */
    private boolean longOverlayByFd(Mount m, MountFlags f, String where) {
        if (longOverlay != LongOverlay.NEW_MOUNT_API || !lowerdirPlusWorks) return false;
        FdOverlayMount.Outcome o = FdOverlayMount.mount(m.options(), f.flags(), where, true);
        if (o == FdOverlayMount.Outcome.MOUNTED) return true;
        lowerdirPlusWorks = false;
        if (o == FdOverlayMount.Outcome.NO_FSOPEN) fsopenWorks = false;
        return false;
    }

    private static void bind(Mount m, MountFlags f, String where) throws Errno {
        Libc.mount(m.source(), where, null, Libc.MS_BIND | (f.flags() & Libc.MS_REC), null);
        long extra = f.remountFlags();
        if (extra == 0) return;
        try { // a bind mount takes ro, nosuid, ... only through a remount
            Libc.mount(null, where, null, Libc.MS_BIND | Libc.MS_REMOUNT | extra, null);
        } catch (Errno e) {
            try {
                Libc.umount2(where, Libc.MNT_DETACH);
            } catch (Errno u) {
                e.addSuppressed(u);
            }
            throw e;
        }
    }

    private static void overlayFromPrivateCwd(Mount m, String where) throws Errno {
        OverlayOptions.Compacted c = OverlayOptions.compact(m.options());
        MountFlags f = MountFlags.parse(c.options());
        if (!OverlayOptions.fitsInPage(f.data()))
            throw new BerthException(BerthException.Kind.UNSUPPORTED, String.format(
                    "overlay on %s: %d lower layers need %d bytes of mount options even as paths relative to %s, more than the %d "
                            + "mount(2) takes, and this kernel has no overlay 'lowerdir+' (Linux 6.8+)",
                    where, m.lowerDirs().size(), f.data().length() + 1, c.cwd(), OverlayOptions.PAGE_LIMIT));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("berth-overlay-mount").unstarted(() -> {
            try {
                FsCalls.unshareFs(); // from here on, this thread's cwd is its own
                FsCalls.chdir(c.cwd().toString());
                Libc.mount(m.source(), where, "overlay", f.flags(), f.data());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("overlay on " + where + ": interrupted", e);
        }
        Throwable e = failure.get();
        if (e instanceof Errno errno) throw errno;
        if (e instanceof RuntimeException r) throw r;
        if (e != null) throw BerthException.internal("overlay on " + where + ": " + e, e);
    }
}
