package dev.berth.netlink;

import static dev.berth.netlink.internal.NlConstants.*;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import dev.berth.sys.Libc;

/** Maps a netlink errno to a BerthException naming the operation ("add bridge br0: File exists"). */
final class NetlinkErrors {
    private NetlinkErrors() {}

    static BerthException of(String operation, int errno, String kernelMessage) {
        String text = operation + ": " + Libc.strerror(errno)
                + (kernelMessage == null || kernelMessage.isBlank() ? "" : " (" + kernelMessage + ")");
        return new BerthException(kind(errno), text);
    }

    static Kind kind(int errno) {
        return switch (errno) {
            case EEXIST -> Kind.ALREADY_EXISTS;
            case ENODEV, ENOENT, ESRCH, EADDRNOTAVAIL -> Kind.NOT_FOUND;
            case EPERM, EACCES -> Kind.PERMISSION_DENIED;
            case EINVAL -> Kind.INVALID_ARGUMENT;
            case EBUSY -> Kind.CONFLICT;
            case EOPNOTSUPP -> Kind.UNSUPPORTED;
            case ENETUNREACH -> Kind.FAILED_PRECONDITION;
            default -> Kind.INTERNAL;
        };
    }
}
