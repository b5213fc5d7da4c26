package dev.berth.image.service;

import dev.berth.common.BerthException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Names inside an image archive: cleaned like Go's path.Clean, relative to the archive root. Pure. */
final class ArchivePaths {
    private ArchivePaths() {}

    /**
     * The clean relative form of a name ("./a//b/" is "a/b", "/a" is "a"); null when it climbs out of
     * the archive ("../x", "a/../../x").
     */
    static String clean(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** {@link #clean}, refusing a name that climbs out with INVALID_ARGUMENT naming what it came from. */
    static String require(String name, String what) {
        String c = clean(name);
        if (c == null || c.isEmpty()) throw BerthException.invalid("invalid archive: %s \"%s\" points outside the archive", what, name);
        return c;
    }

    /** The target of a symlink entry at {@code entry}, as an archive path (null when it leaves the archive). */
    static String linkTarget(String entry, String target) {
        if (target.startsWith("/")) return clean(target);
        int slash = entry.lastIndexOf('/');
        return clean((slash < 0 ? "" : entry.substring(0, slash + 1)) + target);
    }
}
