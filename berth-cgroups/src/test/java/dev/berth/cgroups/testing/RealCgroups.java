package dev.berth.cgroups.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Test-parent cgroups on the real host, and their clean-up that does not rely on the code under test: thaw, kill
 * what is inside, then rmdir deepest first, in every hierarchy under /sys/fs/cgroup (including unified/).
 */
public final class RealCgroups {
    public static final Path ROOT = Path.of("/sys/fs/cgroup");

    private RealCgroups() {}

    /** A fresh "/berth-test-RANDOM" parent path. */
    public static String uniqueParent() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return "/berth-test-" + HexFormat.of().formatHex(b);
    }

    /** Every existing directory of parent in any hierarchy. */
    public static List<Path> dirsOf(String parent) throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(h -> !Files.isSymbolicLink(h)).map(h -> h.resolve(parent.substring(1)))
                    .filter(Files::isDirectory).toList();
        }
    }

    public static void removeEverywhere(String parent) throws Exception {
        List<Path> dirs = dirsOf(parent);
        for (Path d : dirs) thaw(d);
        for (Path d : dirs) killAll(d);
        for (Path d : dirs) removeTree(d);
    }

    private static void thaw(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Path v1 = p.resolve("freezer.state"), v2 = p.resolve("cgroup.freeze");
                if (Files.exists(v1)) Files.writeString(v1, "THAWED");
                if (Files.exists(v2)) Files.writeString(v2, "0");
            }
        }
    }

    private static void killAll(Path dir) throws IOException {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isDirectory).toList()) {
                for (String line : Files.readAllLines(p.resolve("cgroup.procs"))) {
                    long pid = Long.parseLong(line.trim());
                    if (pid != self) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private static void removeTree(Path dir) throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        }
        for (Path d : dirs) {
            for (int attempt = 0; ; attempt++) {
                try {
                    Files.deleteIfExists(d);
                    break;
                } catch (IOException e) {
                    if (attempt > 50) throw e;
                    Thread.sleep(100);
                }
            }
        }
    }

    public static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
