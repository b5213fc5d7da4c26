package dev.berth.daemon;

import dev.berth.api.http.ApiVersion;
import dev.berth.api.http.HttpServer;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.daemon.api.SystemRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The composition root of berthd: state directories, the engine, the API server, and shutdown. */
public final class Daemon {
    private static final Logger LOG = Logger.getLogger("berthd");

    private final DaemonConfig config;
    private final HttpServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shutDown;

    private Daemon(DaemonConfig config, HttpServer server) {
        this.config = config;
        this.server = server;
    }

    public static Daemon start(DaemonConfig config) throws IOException {
        Logging.setLevel(config.logLevel());
        Files.createDirectories(config.dataRoot());
        // CVE-2021-41091: other users must not reach container files (setuid binaries) under the data root.
        Files.setPosixFilePermissions(config.dataRoot(), PosixFilePermissions.fromString("rwx--x---"));
        Files.createDirectories(config.execRoot());
        claimPidFile(config.pidFile());
        String cgroupVersion = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
        SystemRoutes system = new SystemRoutes(() -> new SystemRoutes.Counts(0, 0, 0, 0, 0), config.dataRoot(), cgroupVersion, config.liveRestore());
        Router router = new Router(new ApiVersion(SystemRoutes.MIN_API_VERSION, SystemRoutes.API_VERSION));
        system.register(router);
        Map<String, String> headers = Map.of("Api-Version", SystemRoutes.API_VERSION, "Docker-Experimental", "false",
                "Ostype", "linux", "Server", "Berth/" + SystemRoutes.VERSION + " (linux)");
        HttpServer server = new HttpServer(config.hosts().stream().map(HttpServer.Listen::new).toList(), router, headers);
        try {
            server.start();
        } catch (IOException | IllegalArgumentException e) {
            releasePidFile(config.pidFile());
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "cannot listen on " + config.hosts() + ": " + e.getMessage());
        }
        LOG.info("API listening on " + String.join(", ", config.hosts()));
        SdNotify.notify("READY=1");
        return new Daemon(config, server);
    }

    private static void claimPidFile(Path pidFile) throws IOException {
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        if (Files.exists(pidFile)) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && pid != ProcessHandle.current().pid())
                    throw new BerthException(BerthException.Kind.CONFLICT, "pid file found, ensure berthd is not running or delete " + pidFile);
            } catch (NumberFormatException ignored) {
                // a stale, garbled pid file
            }
        }
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    }

    private static void releasePidFile(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** SIGTERM: stop accepting, finish, exit cleanly. */
    public void shutdown() {
        if (shutDown) return;
        shutDown = true;
        LOG.info("shutting down");
        server.close();
        releasePidFile(config.pidFile());
        stopped.countDown();
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    public HttpServer server() {
        return server;
    }

    static void log(Level level, String msg) {
        LOG.log(level, msg);
    }

    List<String> hosts() {
        return config.hosts();
    }
}
