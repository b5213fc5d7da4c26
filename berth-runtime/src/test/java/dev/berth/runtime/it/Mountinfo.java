package dev.berth.runtime.it;

import java.util.TreeSet;
import java.util.SortedSet;

/** /proc/self/mountinfo as seen in a container, reduced to what two runtimes must agree on. Pure. */
public final class Mountinfo {
    private Mountinfo() {}

    /**
     * One "MOUNTPOINT ro|rw FSTYPE" entry per line: mount ids, device numbers, the mount's root within its
     * filesystem, the source and the superblock options are dropped (they name host paths and counters that differ
     * between any two runs).
     */
    public static SortedSet<String> normalise(String mountinfo) {
        SortedSet<String> out = new TreeSet<>();
        for (String line : mountinfo.split("\n")) {
            if (line.isBlank()) continue;
            int sep = line.indexOf(" - ");
            if (sep < 0) throw new IllegalArgumentException("not a mountinfo line: " + line);
            String[] pre = line.substring(0, sep).split(" ");
            String[] post = line.substring(sep + 3).split(" ");
            String mode = pre[5].split(",")[0];
            out.add(pre[4] + " " + mode + " " + post[0]);
        }
        return out;
    }
}
