package dev.berth.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class TestCleanup {
    private TestCleanup() {}

    static void removeTree(Path root) throws IOException, InterruptedException {
        if (!Files.exists(root)) return;
        // Anything still mounted under the root (a container's rootfs) goes first.
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mp = line.split(" ")[4];
            if (mp.startsWith(root.toString())) new ProcessBuilder("umount", "-l", mp).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static void removeCgroupParent(String parent) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : s.toList()) {
                Path p = h.resolve(parent);
                if (!Files.isDirectory(p)) continue;
                try (Stream<Path> w = Files.walk(p)) {
                    for (Path d : w.sorted(Comparator.reverseOrder()).filter(Files::isDirectory).toList()) {
                        try {
                            Files.delete(d);
                        } catch (IOException ignored) {
                            // busy: a leak the tests report elsewhere
                        }
                    }
                }
            }
        }
    }

    /** The default bridge and nftables table of a test daemon, and any user-network bridge its data root recorded. */
    static void removeNetwork(Path dataRoot, String bridge, String table) throws IOException, InterruptedException {
        java.util.List<String> links = new java.util.ArrayList<>(java.util.List.of(bridge));
        Path nets = dataRoot.resolve("network/networks");
        if (Files.isDirectory(nets)) {
            try (Stream<Path> s = Files.list(nets)) {
                for (Path f : s.toList()) {
                    String b = dev.berth.common.Json.mapper().readTree(f.toFile()).path("bridge").asText("");
                    if (!b.isEmpty()) links.add(b);
                }
            }
        }
        for (String l : links)
            if (Files.exists(Path.of("/sys/class/net", l))) new ProcessBuilder("ip", "link", "del", l).start().waitFor();
        new ProcessBuilder("nft", "delete", "table", "ip", table).redirectErrorStream(true).start().waitFor();
    }
}
