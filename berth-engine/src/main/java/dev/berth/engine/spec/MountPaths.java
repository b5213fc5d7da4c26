package dev.berth.engine.spec;

import java.util.ArrayList;
import java.util.List;

/** Go's path.Clean and the destination checks of moby's linux mount parser. */
final class MountPaths {
    private MountPaths() {}

    /** Go's path.Clean ("/a//b/../c/" is "/a/c", "" is "."). */
    static String clean(String p) {
        if (p == null || p.isEmpty()) return ".";
        boolean rooted = p.startsWith("/");
        List<String> parts = new ArrayList<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) parts.remove(parts.size() - 1);
                else if (!rooted) parts.add("..");
            } else {
                parts.add(s);
            }
        }
        String joined = String.join("/", parts);
        if (rooted) return "/" + joined;
        return joined.isEmpty() ? "." : joined;
    }

    /** The reason dest is no mount target, or null: "/" and relative paths are not. */
    static String targetProblem(String dest) {
        String p = dest.replace('\\', '/');
        if (clean(p).equals("/")) return "invalid specification: destination can't be '/'";
        if (!p.startsWith("/")) return "invalid mount path: '" + p + "' mount path must be absolute";
        return null;
    }

    /** The number of '/' in the cleaned path: Docker mounts shallower destinations first. */
    static int depth(String dest) {
        return (int) clean(dest).chars().filter(c -> c == '/').count();
    }
}
