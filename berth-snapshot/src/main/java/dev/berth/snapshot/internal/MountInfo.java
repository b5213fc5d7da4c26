package dev.berth.snapshot.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads mount points out of /proc/self/mountinfo text. Pure. */
public final class MountInfo {
    private MountInfo() {}

    /** One line: the mount id, the mount point, the filesystem type and the super options. */
    public record Entry(int id, Path mountPoint, String fsType, String superOptions) {}

    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (dash < 0 || dash + 3 >= f.length) continue; // not a mountinfo line
            String type = f[dash + 1];
            String sup = unescape(f[dash + 3]);
            out.add(new Entry(Integer.parseInt(f[0]), Path.of(unescape(f[4])), type, sup));
        }
        return out;
    }

    /** Mount points at {@code dir} or below it, the last mounted first (the order to unmount them in). */
    public static List<Path> under(String text, Path dir) {
        List<Entry> all = parse(text);
        List<Path> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path p = all.get(i).mountPoint();
            if (p.startsWith(dir)) out.add(p);
        }
        return out;
    }

    /**
     * Mounts that use something at or below {@code dir}: mounted there, or an overlay naming a path there as
     * upper, work or (absolute) lower directory. Mounts in other mount namespaces are not seen, nor overlays
     * mounted with relative lower directories.
     */
    public static List<String> usersOf(String text, Path dir) {
        List<String> out = new ArrayList<>();
        for (Entry e : parse(text)) {
            if (e.mountPoint().startsWith(dir)) {
                out.add(e.fsType() + " mounted at " + e.mountPoint());
                continue;
            }
            if (!e.fsType().equals("overlay")) continue;
            options:
            for (String opt : e.superOptions().split(",")) {
                int eq = opt.indexOf('=');
                if (eq < 0) continue;
                String key = opt.substring(0, eq);
                if (!key.equals("upperdir") && !key.equals("workdir") && !key.startsWith("lowerdir")) continue;
                for (String path : opt.substring(eq + 1).split(":")) {
                    if (path.startsWith("/") && Path.of(path).startsWith(dir)) {
                        out.add("overlay at " + e.mountPoint() + " (" + key + ")");
                        break options; // one mention per mount is enough
                    }
                }
            }
        }
        return out;
    }

    /** mountinfo writes space, tab, newline and backslash as \ooo octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        return true;
    }
}
