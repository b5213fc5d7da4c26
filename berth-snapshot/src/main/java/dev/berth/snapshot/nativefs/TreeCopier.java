package dev.berth.snapshot.nativefs;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies a snapshot tree with {@code cp -a --reflink=auto}: owners, modes, timestamps, xattrs (trusted.* and
 * security.* as root), hard links within the tree, symlinks as symlinks, device nodes, fifos and sparse
 * files, and clones extents where the filesystem can (btrfs, xfs). Reimplementing that in Java would need
 * half a dozen more syscall bindings for no gain; coreutils does it correctly and is on every host.
 *
 * <p>A copy must not outlive the JVM: after a kill -9 of the daemon an orphaned cp would keep writing into
 * a directory the next start is deleting. So cp runs under {@code setpriv --pdeathsig KILL} (util-linux),
 * started from, and waited for by, a platform thread of its own: the death signal follows the thread that
 * spawned the child, which must therefore live exactly as long as the copy.
 */
final class TreeCopier {
    private static final List<Path> CP = List.of(Path.of("/usr/bin/cp"), Path.of("/bin/cp"));
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private TreeCopier() {}

    /** Copies the contents of {@code from} into the existing empty directory {@code to} (and from's own attributes onto it). */
    static void copy(Path from, Path to) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Process> process = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("berth-snapshot-copy").start(() -> {
            try {
                run(from, to, process);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException ie) {
                interrupted = true; // stop the copy, but never leave it running behind the caller's back
                Process p = process.get();
                if (p != null) p.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("copy of " + from + " interrupted");
        }
        Throwable e = failure.get();
        if (e instanceof IOException io) throw io;
        if (e instanceof RuntimeException r) throw r;
        if (e != null) throw new IOException("copy of " + from + ": " + e, e);
    }

    private static void run(Path from, Path to, AtomicReference<Process> process) throws IOException {
        Path cp = CP.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new BerthException(BerthException.Kind.UNSUPPORTED, "native snapshotter: cp not found in /usr/bin or /bin"));
        List<String> cmd = new ArrayList<>();
        SETPRIV.stream().filter(Files::isExecutable).findFirst().ifPresent(sp -> cmd.addAll(List.of(sp.toString(), "--pdeathsig", "KILL", "--")));
        cmd.addAll(List.of(cp.toString(), "-a", "--reflink=auto", "--no-target-directory", "--", from.toString(), to.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        process.set(p);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw new IOException("copy of " + from + " interrupted", e);
        }
        if (rc != 0) throw new IOException(String.join(" ", cmd.subList(cmd.indexOf(cp.toString()), cmd.size())) + " exited " + rc + (out.isEmpty() ? "" : ": " + out));
    }
}
