package dev.berth.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A berthd for one test class, in this JVM: its own data root, exec root, socket and cgroup parent
 * under a short temp dir (unix socket paths are limited to 108 bytes). close() stops it without
 * live restore, so every container is stopped, and removes its state.
 */
final class TestDaemon implements AutoCloseable {
    final Path dir;
    final Daemon daemon;
    final String host;
    final String cgroupParent;
    final NetworkFlags network;

    TestDaemon() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "bt");
        host = "unix://" + dir.resolve("s.sock");
        cgroupParent = "berth-test-" + dir.getFileName();
        daemon = Daemon.start(new DaemonConfig(List.of(host), dir.resolve("data"), dir.resolve("exec"), dir.resolve("exec/berthd.pid"),
                "warn", List.of(), cgroupParent, false).withNetwork(network = network(dir)));
    }

    /** Its own default bridge, nftables table and address pool (10.240.0.0/12 in /24s), so test daemons never meet. */
    static NetworkFlags network(Path dir) {
        String tag = Integer.toHexString(dir.getFileName().toString().hashCode() & 0xfffff);
        return new NetworkFlags("bt" + tag, null, List.of("10.240.0.0/12:24"), true, true, 0, List.of(), List.of(), List.of(),
                "berth_t" + tag);
    }

    DockerCli docker(String binary) {
        return new DockerCli(host, binary);
    }

    DockerCli docker() {
        return docker(DockerCli.clients().get(0));
    }

    @Override
    public void close() throws Exception {
        try {
            daemon.removeEverything();
        } finally {
            daemon.shutdown();
            TestCleanup.removeNetwork(dir.resolve("data"), network.bridge(), network.table());
        }
        TestCleanup.removeTree(dir);
        TestCleanup.removeCgroupParent(cgroupParent);
    }
}
