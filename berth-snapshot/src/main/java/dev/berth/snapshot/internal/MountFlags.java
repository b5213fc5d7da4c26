package dev.berth.snapshot.internal;

import dev.berth.sys.Libc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits mount(8)-style options into mount(2) flags and the filesystem data string. Pure.
 *
 * @param flags the MS_* flags (MS_RDONLY included for {@code ro})
 * @param data  the options the flags do not cover, comma-joined, or null if none
 * @param bind  {@code bind} or {@code rbind} was given
 */
public record MountFlags(long flags, String data, boolean bind) {
    private record Flag(boolean clear, long bits) {}

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("ro", new Flag(false, Libc.MS_RDONLY)), Map.entry("rw", new Flag(true, Libc.MS_RDONLY)),
            Map.entry("nosuid", new Flag(false, Libc.MS_NOSUID)), Map.entry("suid", new Flag(true, Libc.MS_NOSUID)),
            Map.entry("nodev", new Flag(false, Libc.MS_NODEV)), Map.entry("dev", new Flag(true, Libc.MS_NODEV)),
            Map.entry("noexec", new Flag(false, Libc.MS_NOEXEC)), Map.entry("exec", new Flag(true, Libc.MS_NOEXEC)),
            Map.entry("noatime", new Flag(false, Libc.MS_NOATIME)), Map.entry("atime", new Flag(true, Libc.MS_NOATIME)),
            Map.entry("nodiratime", new Flag(false, Libc.MS_NODIRATIME)), Map.entry("diratime", new Flag(true, Libc.MS_NODIRATIME)),
            Map.entry("relatime", new Flag(false, Libc.MS_RELATIME)), Map.entry("norelatime", new Flag(true, Libc.MS_RELATIME)),
            Map.entry("strictatime", new Flag(false, Libc.MS_STRICTATIME)),
            Map.entry("sync", new Flag(false, Libc.MS_SYNCHRONOUS)), Map.entry("async", new Flag(true, Libc.MS_SYNCHRONOUS)),
            Map.entry("dirsync", new Flag(false, Libc.MS_DIRSYNC)),
            Map.entry("bind", new Flag(false, Libc.MS_BIND)), Map.entry("rbind", new Flag(false, Libc.MS_BIND | Libc.MS_REC)));

    /** Whether {@link #parse} treats {@code option} as a flag word rather than filesystem data. */
    public static boolean isFlagWord(String option) {
        return FLAGS.containsKey(option);
    }

    public static MountFlags parse(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String o : options) {
            Flag f = FLAGS.get(o);
            if (f == null) data.add(o);
            else if (f.clear()) flags &= ~f.bits();
            else flags |= f.bits();
        }
        return new MountFlags(flags, data.isEmpty() ? null : String.join(",", data), (flags & Libc.MS_BIND) != 0);
    }

    public boolean readOnly() {
        return (flags & Libc.MS_RDONLY) != 0;
    }

    /** Flags that a bind mount can only get through a second, remounting call (everything but BIND/REC). */
    public long remountFlags() {
        return flags & ~(Libc.MS_BIND | Libc.MS_REC);
    }
}
