package dev.berth.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Counts of host resources a runtime could leak, read from /proc and the cgroup filesystem. */
public final class HostCounts {
    public static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private HostCounts() {}

    /** Lines of the JVM's (the host's) /proc/self/mountinfo. */
    public static int mounts() {
        return mountinfo().size();
    }

    /** Host mounts whose mount point or root lies under dir. */
    public static int mountsUnder(Path dir) {
        String d = dir.toString();
        return (int) mountinfo().stream().filter(l -> l.contains(d)).count();
    }

    private static List<String> mountinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every cgroup directory at or below /sys/fs/cgroup/HIERARCHY/parent, over all hierarchies. */
    public static List<Path> cgroupDirs(String parent) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> hs = Files.list(CGROUP_ROOT)) {
            for (Path h : hs.toList()) {
                if (Files.isSymbolicLink(h)) continue;
                Path p = h.resolve(parent);
                if (!Files.isDirectory(p)) continue;
                try (Stream<Path> w = Files.walk(p)) {
                    w.filter(Files::isDirectory).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Pids of processes whose command line contains text. */
    public static List<Integer> processesMentioning(String text) {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> ps = Files.list(Path.of("/proc"))) {
            for (Path p : ps.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(text)) out.add(Integer.parseInt(name));
                } catch (IOException e) {
                    // gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Open file descriptors of this JVM. */
    public static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A field of /proc/PID/status ("VmRSS", "PPid"), its first number; -1 when the process is gone. */
    public static long statusField(int pid, String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                if (l.startsWith(field + ":")) return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
        } catch (IOException e) {
            return -1;
        }
    }

    public static boolean alive(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
