package dev.berth.testcontainers;

import dev.berth.daemon.Daemon;
import dev.berth.daemon.DaemonConfig;
import dev.berth.daemon.NetworkFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A berthd in this JVM with its own data root, exec root, socket and cgroup parent under a short
 * temp dir in /tmp (unix socket paths are limited to 108 bytes), and its own bridge, subnet and
 * nftables table. close() force-removes its containers and networks, stops it without live
 * restore, and removes its mounts, files and cgroups.
 */
final class Berthd implements AutoCloseable {
    final Path dir;
    final Path socket;
    final String cgroupParent;
    final NetworkFlags network;
    final Daemon daemon;

    private Berthd(Path dir, Path socket, String cgroupParent, NetworkFlags network, Daemon daemon) {
        this.dir = dir;
        this.socket = socket;
        this.cgroupParent = cgroupParent;
        this.network = network;
        this.daemon = daemon;
    }

    static Berthd start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "btc");
        Path socket = dir.resolve("s.sock");
        String parent = "berth-tc-" + dir.getFileName();
        String suffix = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        // Its own default bridge, subnet and nftables table: nothing shared with other daemons on this host.
        NetworkFlags net = new NetworkFlags("btc" + suffix, "10.231." + ThreadLocalRandom.current().nextInt(256) + ".1/24", List.of(),
                true, true, 0, List.of(), List.of(), List.of(), "btc_" + suffix);
        try {
            Daemon d = Daemon.start(new DaemonConfig(List.of("unix://" + socket), dir.resolve("data"), dir.resolve("exec"),
                    dir.resolve("exec/berthd.pid"), "warn", List.of(), parent, false).withNetwork(net));
            return new Berthd(dir, socket, parent, net, d);
        } catch (Exception | Error e) {
            removeTree(dir);
            removeCgroupParent(parent);
            throw e;
        }
    }

    /** The host-side traces of this daemon that close() must have removed, empty when clean. */
    List<String> leftovers() throws IOException, InterruptedException {
        List<String> left = new java.util.ArrayList<>();
        if (Files.exists(dir)) left.add("directory " + dir);
        if (Files.exists(Path.of("/sys/class/net", network.bridge()))) left.add("bridge " + network.bridge());
        Process p = new ProcessBuilder("nft", "list", "tables").redirectErrorStream(true).start();
        String tables = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        for (String line : tables.split("\n")) if (line.endsWith(" " + network.table())) left.add("nftables " + line);
        for (Path root : cgroupRoots())
            if (Files.isDirectory(root.resolve(cgroupParent))) left.add("cgroup " + root.resolve(cgroupParent));
        return left;
    }

    @Override
    public void close() throws Exception {
        try {
            daemon.removeEverything();
            daemon.shutdown();
        } finally {
            removeTree(dir);
            removeCgroupParent(cgroupParent);
        }
    }

    private static void removeTree(Path root) throws IOException, InterruptedException {
        if (!Files.exists(root)) return;
        // A container rootfs still mounted under the root goes first (deepest mount first).
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(l -> l.split(" ")[4]).filter(mp -> mp.startsWith(root + "/")).sorted(Comparator.reverseOrder()).toList();
        for (String mp : mounts) new ProcessBuilder("umount", "-l", mp).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** cgroup v1 has one hierarchy per controller (some linked), v2 one tree: the parent may be in each. */
    private static List<Path> cgroupRoots() throws IOException {
        List<Path> roots = new java.util.ArrayList<>(List.of(Path.of("/sys/fs/cgroup")));
        try (Stream<Path> s = Files.list(Path.of("/sys/fs/cgroup"))) {
            roots.addAll(s.filter(Files::isDirectory).toList());
        }
        return roots;
    }

    private static void removeCgroupParent(String parent) throws IOException {
        for (Path root : cgroupRoots()) {
            Path p = root.resolve(parent);
            if (!Files.isDirectory(p)) continue;
            try (Stream<Path> w = Files.walk(p)) {
                // cgroup directories go with rmdir; their control files go with them.
                for (Path d : w.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(d);
            }
        }
    }
}
