package dev.berth.archive.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Cleaning of tar entry names, as moby does it: "." and empty components go, ".." removes the
 * previous component, an absolute name is taken relative to the target root (so "/etc/passwd" and
 * "/../etc/passwd" both mean "etc/passwd"), and a relative name whose ".." would climb above the
 * root escapes and is refused. Works on raw names; the result is "" for the root itself.
 */
public final class TarPaths {
    private TarPaths() {}

    /** A name that cannot be used. The message says why, without the name (callers add it). */
    public static final class InvalidNameException extends Exception {
        public InvalidNameException(String reason) {
            super(reason);
        }
    }

    public static String clean(String raw) throws InvalidNameException {
        if (raw.isEmpty()) throw new InvalidNameException("empty name");
        if (raw.indexOf('\0') >= 0) throw new InvalidNameException("name contains a NUL byte");
        boolean rooted = raw.charAt(0) == '/';
        List<String> parts = new ArrayList<>();
        int i = 0, n = raw.length();
        while (i < n) {
            int j = raw.indexOf('/', i);
            if (j < 0) j = n;
            String c = raw.substring(i, j);
            i = j + 1;
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
                else if (!rooted) throw new InvalidNameException("path escapes the target");
                continue;
            }
            parts.add(c);
        }
        return String.join("/", parts);
    }

    /** The directory part of a clean path ("" for a top-level name or the root). */
    public static String parent(String clean) {
        int k = clean.lastIndexOf('/');
        return k < 0 ? "" : clean.substring(0, k);
    }

    /** The last component of a clean path ("" for the root). */
    public static String base(String clean) {
        return clean.substring(clean.lastIndexOf('/') + 1);
    }

    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** True when path is dir itself or lies below it (dir "" is the root, above everything). */
    public static boolean isWithin(String path, String dir) {
        if (dir.isEmpty()) return true;
        return path.equals(dir) || (path.startsWith(dir) && path.length() > dir.length() && path.charAt(dir.length()) == '/');
    }

    /** The user-facing form of a clean raw path: "/a/b", "/" for the root. */
    public static String display(String clean) {
        return "/" + RawNames.display(clean);
    }
}
