package dev.berth.snapshot.internal;

import dev.berth.common.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.util.List;

/**
 * Mounts an overlay through the file-descriptor mount API. Two reasons to: {@code lowerdir+} takes one layer
 * per call, so a stack of any length fits (Linux 6.8+); and a failing fsconfig names the option the kernel
 * refused and often leaves its explanation on the context fd, where mount(2) only says EINVAL (some checks,
 * such as "not supported as upperdir", still go to the kernel log only).
 */
public final class FdOverlayMount {
    /** What happened, when no exception says it failed. */
    public enum Outcome { MOUNTED, NO_FSOPEN, NO_LOWERDIR_PLUS }

    private FdOverlayMount() {}

    /**
     * @param options      overlay options as in a {@code Mount} (flag words are turned into mount attributes)
     * @param msFlags      the MS_* flags those flag words gave
     * @param layerByLayer pass lower layers with one {@code lowerdir+} each instead of one {@code lowerdir}
     * @throws BerthException with the kernel's messages when the kernel refuses the overlay
     */
    public static Outcome mount(List<String> options, long msFlags, String where, boolean layerByLayer) {
        NewMountApi fs;
        try {
            fs = NewMountApi.open("overlay");
        } catch (Errno e) {
            if (e.errno() == Errno.ENOSYS) return Outcome.NO_FSOPEN;
            throw MountErrors.of(e, "");
        }
        try (fs) {
            boolean first = true;
            for (String o : options) {
                if (MountFlags.isFlagWord(o)) continue;
                String key = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
                String value = o.contains("=") ? o.substring(o.indexOf('=') + 1) : null;
                if (key.equals("lowerdir") && layerByLayer) {
                    for (String lower : value.split(":")) {
                        try {
                            fs.setString("lowerdir+", lower);
                        } catch (Errno e) {
                            if (first && e.errno() == Errno.EINVAL) {
                                List<String> why = fs.messages();
                                if (why.isEmpty() || why.stream().anyMatch(w -> w.contains("Unknown parameter"))) return Outcome.NO_LOWERDIR_PLUS;
                                throw MountErrors.of(e, explain(why));
                            }
                            throw e;
                        }
                        first = false;
                    }
                } else if (value != null) {
                    fs.setString(key, value);
                } else {
                    fs.setFlag(key);
                }
            }
            fs.createAndMove(attributes(msFlags, where), where);
            return Outcome.MOUNTED;
        } catch (Errno e) {
            throw MountErrors.of(e, explain(fs.messages()));
        }
    }

    private static String explain(List<String> kernelMessages) {
        return kernelMessages.isEmpty() ? " (the kernel log, dmesg, may say more)" : " (" + String.join("; ", kernelMessages) + ")";
    }

    private static long attributes(long msFlags, String where) {
        long known = Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | Libc.MS_NOATIME | Libc.MS_NODIRATIME;
        if ((msFlags & ~known) != 0)
            throw BerthException.invalid("overlay on %s: mount flags %#x not supported with the new mount API", where, msFlags & ~known);
        long attrs = 0;
        if ((msFlags & Libc.MS_RDONLY) != 0) attrs |= NewMountApi.MOUNT_ATTR_RDONLY;
        if ((msFlags & Libc.MS_NOSUID) != 0) attrs |= NewMountApi.MOUNT_ATTR_NOSUID;
        if ((msFlags & Libc.MS_NODEV) != 0) attrs |= NewMountApi.MOUNT_ATTR_NODEV;
        if ((msFlags & Libc.MS_NOEXEC) != 0) attrs |= NewMountApi.MOUNT_ATTR_NOEXEC;
        if ((msFlags & Libc.MS_NOATIME) != 0) attrs |= NewMountApi.MOUNT_ATTR_NOATIME;
        if ((msFlags & Libc.MS_NODIRATIME) != 0) attrs |= NewMountApi.MOUNT_ATTR_NODIRATIME;
        return attrs;
    }
}
