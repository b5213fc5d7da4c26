package dev.berth.sys;

import java.io.IOException;

/** A failed system call: the call, what it was applied to, and errno. */
public final class Errno extends IOException {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, EAGAIN = 11,
            EACCES = 13, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
            ENOSPC = 28, EROFS = 30, ENXIO = 6, ELOOP = 40, ENOSYS = 38, ENOTEMPTY = 39, EOPNOTSUPP = 95;

    private final int errno;

    public Errno(String call, String what, int errno) {
        super(call + " " + what + ": " + Libc.strerror(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
