package dev.berth.oci.runtime;

import dev.berth.common.BerthException;
import java.util.List;

/** The spec's namespace types ("pid", "network", ...), their clone(2) flags and their /proc/PID/ns file names. */
public final class Namespaces {
    public static final int CLONE_NEWNS = 0x00020000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000,
            CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000,
            CLONE_NEWNET = 0x40000000;

    /** The types Berth can create or join. */
    public static final List<String> SUPPORTED = List.of("pid", "network", "mount", "ipc", "uts", "user", "cgroup");

    private Namespaces() {}

    /** The CLONE_NEW* flag of a namespace type; "time" is UNSUPPORTED, anything else unknown is INVALID_ARGUMENT. */
    public static int cloneFlag(String type) {
        return switch (known(type)) {
            case "pid" -> CLONE_NEWPID;
            case "network" -> CLONE_NEWNET;
            case "mount" -> CLONE_NEWNS;
            case "ipc" -> CLONE_NEWIPC;
            case "uts" -> CLONE_NEWUTS;
            case "user" -> CLONE_NEWUSER;
            case "cgroup" -> CLONE_NEWCGROUP;
            default -> throw new AssertionError(type);
        };
    }

    /** The name of the type's file in /proc/PID/ns ("network" is "net", "mount" is "mnt"). */
    public static String procName(String type) {
        return switch (known(type)) {
            case "network" -> "net";
            case "mount" -> "mnt";
            default -> type;
        };
    }

    private static String known(String type) {
        if ("time".equals(type)) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED, "time namespaces are not supported");
        }
        if (type == null || !SUPPORTED.contains(type)) throw BerthException.invalid("unknown namespace type \"%s\"", type);
        return type;
    }
}
