package dev.berth.cgroups;

import java.util.ArrayList;
import java.util.List;

/** Parser of /proc/self/mountinfo lines, the fields cgroup discovery needs; pure. */
public final class Mountinfo {
    /** One mount: its root within the filesystem, where it is mounted, the fs type and the superblock options. */
    public record Entry(String root, String mountPoint, String fsType, String source, List<String> superOptions) {}

    private Mountinfo() {}

    public static List<Entry> parse(String text) {
        List<Entry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (dash < 0 || dash + 1 >= f.length) continue;
            String fsType = f[dash + 1];
            String source = dash + 2 < f.length ? unescape(f[dash + 2]) : "";
            String superOpts = dash + 3 < f.length ? f[dash + 3] : "";
            out.add(new Entry(unescape(f[3]), unescape(f[4]), fsType, source, List.of(superOpts.split(","))));
        }
        return out;
    }

    /** Undoes the kernel's octal escapes (\040 for space, \011, \012, \134). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder();
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
