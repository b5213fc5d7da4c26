package dev.berth.oci.runtime;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a spec mount's option list into mount(2) arguments, as runc's specconv does: known
 * options set or clear MS_* flags (later options win: "ro,rw" is read-write), propagation options
 * give the propagation mount, "rro" asks for a recursive read-only remount
 * (mount_setattr), and everything else is filesystem data ("mode=755,size=65536k").
 */
public final class MountOptions {
    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
            MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
            MS_NODIRATIME = 2048, MS_BIND = 4096, MS_REC = 16384, MS_SILENT = 32768, MS_POSIXACL = 1 << 16,
            MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
            MS_RELATIME = 1 << 21, MS_I_VERSION = 1 << 23, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;

    /** runc's propagation for the container's / when linux.rootfsPropagation is not set (prepareRoot). */
    public static final long DEFAULT_ROOTFS_PROPAGATION = MS_SLAVE | MS_REC;

    /**
     * The mount(2) arguments of one spec mount.
     *
     * @param flags MS_* flags for the mount itself
     * @param propagation 0, or one of MS_PRIVATE/MS_SHARED/MS_SLAVE/MS_UNBINDABLE, maybe with MS_REC,
     *     to apply in a second mount call after the first
     * @param recursiveBind "rbind" was given (flags then hold MS_BIND|MS_REC)
     * @param data filesystem options, comma-joined in the order given; "" when there are none
     * @param recursiveReadonly "rro" was given: make the whole tree read-only with mount_setattr
     */
    public record Parsed(long flags, long propagation, boolean recursiveBind, String data, boolean recursiveReadonly) {}

    private record Flag(boolean clear, long bits) {}

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("acl", new Flag(false, MS_POSIXACL)),
            Map.entry("async", new Flag(true, MS_SYNCHRONOUS)),
            Map.entry("atime", new Flag(true, MS_NOATIME)),
            Map.entry("bind", new Flag(false, MS_BIND)),
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("dev", new Flag(true, MS_NODEV)),
            Map.entry("diratime", new Flag(true, MS_NODIRATIME)),
            Map.entry("dirsync", new Flag(false, MS_DIRSYNC)),
            Map.entry("exec", new Flag(true, MS_NOEXEC)),
            Map.entry("iversion", new Flag(false, MS_I_VERSION)),
            Map.entry("lazytime", new Flag(false, MS_LAZYTIME)),
            Map.entry("loud", new Flag(true, MS_SILENT)),
            Map.entry("mand", new Flag(false, MS_MANDLOCK)),
            Map.entry("noacl", new Flag(true, MS_POSIXACL)),
            Map.entry("noatime", new Flag(false, MS_NOATIME)),
            Map.entry("nodev", new Flag(false, MS_NODEV)),
            Map.entry("nodiratime", new Flag(false, MS_NODIRATIME)),
            Map.entry("noexec", new Flag(false, MS_NOEXEC)),
            Map.entry("noiversion", new Flag(true, MS_I_VERSION)),
            Map.entry("nolazytime", new Flag(true, MS_LAZYTIME)),
            Map.entry("nomand", new Flag(true, MS_MANDLOCK)),
            Map.entry("norelatime", new Flag(true, MS_RELATIME)),
            Map.entry("nostrictatime", new Flag(true, MS_STRICTATIME)),
            Map.entry("nosuid", new Flag(false, MS_NOSUID)),
            Map.entry("nosymfollow", new Flag(false, MS_NOSYMFOLLOW)),
            Map.entry("rbind", new Flag(false, MS_BIND | MS_REC)),
            Map.entry("relatime", new Flag(false, MS_RELATIME)),
            Map.entry("remount", new Flag(false, MS_REMOUNT)),
            Map.entry("ro", new Flag(false, MS_RDONLY)),
            Map.entry("rw", new Flag(true, MS_RDONLY)),
            Map.entry("silent", new Flag(false, MS_SILENT)),
            Map.entry("strictatime", new Flag(false, MS_STRICTATIME)),
            Map.entry("suid", new Flag(true, MS_NOSUID)),
            Map.entry("sync", new Flag(false, MS_SYNCHRONOUS)),
            Map.entry("symfollow", new Flag(true, MS_NOSYMFOLLOW)));

    private static final Map<String, Long> PROPAGATION = Map.of(
            "private", MS_PRIVATE, "rprivate", MS_PRIVATE | MS_REC,
            "shared", MS_SHARED, "rshared", MS_SHARED | MS_REC,
            "slave", MS_SLAVE, "rslave", MS_SLAVE | MS_REC,
            "unbindable", MS_UNBINDABLE, "runbindable", MS_UNBINDABLE | MS_REC);

    /*
     * Options runc knows but Berth does not carry out yet. Passing them to the kernel as data
     * would be wrong (a bind mount ignores data, so "rnoexec" would silently do nothing).
     */
    private static final Set<String> NOT_SUPPORTED = Set.of(
            "rnosuid", "rsuid", "rnodev", "rdev", "rnoexec", "rexec", "rnodiratime", "rdiratime",
            "rrelatime", "rnorelatime", "rnoatime", "ratime", "rstrictatime", "rnostrictatime",
            "rnosymfollow", "rsymfollow", "tmpcopyup", "idmap", "ridmap");

    private MountOptions() {}

    /** Parses a spec mount's options; null means none. Throws UNSUPPORTED for runc options Berth cannot honour. */
    public static Parsed parse(List<String> options) {
        long flags = 0;
        long propagation = 0;
        boolean recursiveReadonly = false;
        List<String> data = new ArrayList<>();
        for (String option : options == null ? List.<String>of() : options) {
            if (option == null) throw BerthException.invalid("mount option must not be null");
            Flag flag = FLAGS.get(option);
            Long prop = PROPAGATION.get(option);
            if (flag != null) {
                flags = flag.clear() ? flags & ~flag.bits() : flags | flag.bits();
            } else if (prop != null) {
                propagation = prop;
            } else if (option.equals("rro")) {
                recursiveReadonly = true;
            } else if (option.equals("rrw")) {
                recursiveReadonly = false;
            } else if (NOT_SUPPORTED.contains(option)) {
                throw new BerthException(BerthException.Kind.UNSUPPORTED,
                        "mount option \"" + option + "\" is not supported");
            } else {
                data.add(option);
            }
        }
        boolean recursiveBind = (flags & (MS_BIND | MS_REC)) == (MS_BIND | MS_REC);
        return new Parsed(flags, propagation, recursiveBind, String.join(",", data), recursiveReadonly);
    }

    /**
     * The propagation of the container's root for linux.rootfsPropagation. Unset (null or "")
     * gives runc's default, {@link #DEFAULT_ROOTFS_PROPAGATION} (MS_SLAVE|MS_REC).
     */
    public static long propagation(String rootfsPropagation) {
        if (rootfsPropagation == null || rootfsPropagation.isEmpty()) return DEFAULT_ROOTFS_PROPAGATION;
        Long p = PROPAGATION.get(rootfsPropagation);
        if (p == null) throw BerthException.invalid("rootfsPropagation=\"%s\" is not supported", rootfsPropagation);
        return p;
    }
}
