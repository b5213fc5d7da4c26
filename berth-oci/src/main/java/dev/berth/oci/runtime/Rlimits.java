package dev.berth.oci.runtime;

import dev.berth.common.BerthException;
import java.util.List;

/** The rlimit types of the OCI spec ("RLIMIT_NOFILE") and their Linux resource numbers (asm-generic/resource.h). */
public final class Rlimits {
    /** Indexed by resource number. */
    private static final List<String> TYPES = List.of(
            "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
            "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS",
            "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME");

    private Rlimits() {}

    /** The resource number for setrlimit/prlimit; the type must be spelled as the spec does ("RLIMIT_NOFILE"). */
    public static int number(String type) {
        int n = type == null ? -1 : TYPES.indexOf(type);
        if (n < 0) throw BerthException.invalid("unknown rlimit type \"%s\"", type);
        return n;
    }

    /** Every rlimit type, in number order. */
    public static List<String> all() {
        return TYPES;
    }
}
