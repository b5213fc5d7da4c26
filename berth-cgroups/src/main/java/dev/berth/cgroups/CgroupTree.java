package dev.berth.cgroups;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Operations on a cgroup and its descendants: listing their processes and removing them. */
public final class CgroupTree {
    /** Delays between rmdir attempts while the last processes exit: about 2.5 s in all. */
    private static final long FIRST_RETRY_MS = 10, RETRIES = 8;

    private CgroupTree() {}

    /** Pids in dir's cgroup.procs and those of every descendant cgroup; empty when dir does not exist. */
    public static TreeSet<Integer> pids(Path dir) {
        TreeSet<Integer> out = new TreeSet<>();
        for (Path d : directoriesChildrenFirst(dir)) {
            try {
                out.addAll(StatParsers.pids(Files.readString(d.resolve("cgroup.procs"))));
            } catch (NoSuchFileException e) {
                // removed meanwhile
            } catch (IOException e) {
                throw BerthException.internal("cannot read " + d.resolve("cgroup.procs") + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Removes dir and its descendants, deepest first, retrying on EBUSY while processes exit. Fine when dir is
     * already gone; fails CONFLICT naming the pids still inside.
     */
    public static void remove(CgroupFs fs, Path dir) {
        for (Path d : directoriesChildrenFirst(dir)) {
            long delay = FIRST_RETRY_MS;
            for (int attempt = 0; ; attempt++) {
                try {
                    fs.rmdir(d);
                    break;
                } catch (Errno e) {
                    if (e.errno() != Errno.EBUSY || attempt >= RETRIES) {
                        if (e.errno() == Errno.EBUSY)
                            throw BerthException.conflict("cannot remove cgroup %s: processes %s are still in it", d, pids(d));
                        throw BerthException.internal("cannot remove cgroup " + d + ": " + e.getMessage(), e);
                    }
                }
                sleep(delay);
                delay *= 2;
            }
        }
    }

    /** dir and its descendant directories, each listed after all of its children. */
    static List<Path> directoriesChildrenFirst(Path dir) {
        List<Path> out = new ArrayList<>();
        collect(dir, out);
        return out;
    }

    private static void collect(Path dir, List<Path> out) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path child : s) collect(child, out);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw BerthException.internal("cannot list cgroup " + dir + ": " + e.getMessage(), e);
        }
        out.add(dir);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while waiting on cgroup", e);
        }
    }
}
