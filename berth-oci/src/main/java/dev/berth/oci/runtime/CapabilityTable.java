package dev.berth.oci.runtime;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linux capability names and their numbers (linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40,
 * the last one of Linux 6.x). Names are accepted with or without the "CAP_" prefix, in any case;
 * they are always returned in the canonical "CAP_XXX" form.
 */
public final class CapabilityTable {
    /** Indexed by capability number. */
    private static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
            "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
            "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
            "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) NUMBERS.put(NAMES.get(i), i);
    }

    /** The 14 capabilities Docker gives a container by default (moby daemon/pkg/oci/caps/defaults.go). */
    public static final List<String> DOCKER_DEFAULT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private CapabilityTable() {}

    /** The capability's number; throws INVALID_ARGUMENT for a name the table does not know. */
    public static int number(String name) {
        if (name == null) throw BerthException.invalid("capability name must not be null");
        String canonical = canonical(name);
        Integer n = NUMBERS.get(canonical);
        if (n == null) throw BerthException.invalid("unknown capability \"%s\"", canonical);
        return n;
    }

    /** The bit set of the named capabilities; null or empty gives 0. */
    public static long mask(List<String> names) {
        if (names == null) return 0;
        long mask = 0;
        for (String name : names) mask |= 1L << number(name);
        return mask;
    }

    /** Every capability the table knows, in number order. */
    public static List<String> all() {
        return NAMES;
    }

    /** The names of the bits set in mask, in number order. Bits above the last known capability are left out. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((mask & (1L << i)) != 0) out.add(NAMES.get(i));
        }
        return List.copyOf(out);
    }

    private static String canonical(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }
}
