package dev.berth.archive;

import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.nio.file.Path;

/**
 * Bind-mounts a directory onto itself with noatime, so that reading files in a test does not move
 * the atimes the test compares (relatime would: utimensat makes ctime newer than atime). close() unmounts.
 */
final class NoAtimeMount implements AutoCloseable {
    private final Path dir;

    NoAtimeMount(Path dir) throws Errno {
        this.dir = dir;
        Libc.mount(dir.toString(), dir.toString(), null, Libc.MS_BIND, null);
        try {
            Libc.mount(null, dir.toString(), null, Libc.MS_REMOUNT | Libc.MS_BIND | Libc.MS_NOATIME, null);
        } catch (Errno e) {
            Libc.umount2(dir.toString(), Libc.MNT_DETACH);
            throw e;
        }
    }

    @Override
    public void close() throws Errno {
        Libc.umount2(dir.toString(), Libc.MNT_DETACH);
    }
}
