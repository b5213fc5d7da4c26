package dev.berth.cgroups;

import dev.berth.common.BerthException;
import java.util.ArrayList;
import java.util.List;

/** Turns an OCI {@code linux.cgroupsPath} into the path of the container's cgroup below a hierarchy root; pure. */
public final class CgroupPaths {
    /** Where relative cgroupsPaths go, as Docker's cgroupfs driver puts them under /docker. */
    public static final String DEFAULT_PARENT = "/berth";

    private CgroupPaths() {}

    /**
     * Returns the cleaned absolute path ("/berth/abc"): a relative path is put under {@value #DEFAULT_PARENT}, empty
     * and "." segments are dropped. Refuses "..", systemd-style "slice:prefix:name" paths and the root itself.
     */
    public static String normalize(String cgroupsPath) {
        if (cgroupsPath == null || cgroupsPath.isBlank())
            throw BerthException.invalid("cgroups path is empty");
        if (cgroupsPath.indexOf(':') >= 0)
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "cgroups path \"" + cgroupsPath + "\" is in systemd form (slice:prefix:name): only the cgroupfs driver is supported");
        if (cgroupsPath.indexOf('\0') >= 0 || cgroupsPath.indexOf('\n') >= 0)
            throw BerthException.invalid("cgroups path %s contains a NUL or newline", cgroupsPath.replace("\n", "\\n").replace("\0", "\\0"));
        String abs = cgroupsPath.startsWith("/") ? cgroupsPath : DEFAULT_PARENT + "/" + cgroupsPath;
        List<String> segments = new ArrayList<>();
        for (String s : abs.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) throw BerthException.invalid("cgroups path \"%s\" must not contain \"..\"", cgroupsPath);
            segments.add(s);
        }
        if (segments.isEmpty()) throw BerthException.invalid("cgroups path \"%s\" names the root cgroup", cgroupsPath);
        return "/" + String.join("/", segments);
    }

    /** The path's segments, for resolving it under a hierarchy root one directory at a time. */
    public static List<String> segments(String normalized) {
        return List.of(normalized.substring(1).split("/"));
    }
}
