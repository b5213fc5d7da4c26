package dev.berth.snapshot.internal;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;

/** Maps a failed mount call to Berth's error kinds, keeping the call, path and strerror in the message. */
public final class MountErrors {
    private static final int ENODEV = 19;

    private MountErrors() {}

    public static BerthException of(Errno e, String detail) {
        BerthException.Kind kind = switch (e.errno()) {
            case Errno.EPERM, Errno.EACCES -> BerthException.Kind.PERMISSION_DENIED;
            case Errno.ENOENT, Errno.ENOTDIR -> BerthException.Kind.NOT_FOUND;
            case Errno.EBUSY -> BerthException.Kind.CONFLICT;
            case Errno.ENOSYS, ENODEV -> BerthException.Kind.UNSUPPORTED; // ENODEV: filesystem type unknown
            default -> BerthException.Kind.INTERNAL;
        };
        return new BerthException(kind, e.getMessage() + detail, e);
    }
}
