package dev.berth.daemon;

import dev.berth.api.http.ApiVersion;
import dev.berth.api.http.HttpServer;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.daemon.api.ContainerRoutes;
import dev.berth.daemon.api.ExecRoutes;
import dev.berth.daemon.api.SystemRoutes;
import dev.berth.engine.container.ContainerPaths;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ContainerStarter;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.exec.ExecService;
import dev.berth.engine.spec.HostInfo;
import dev.berth.image.service.Images;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeConfig;
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
    private final IdleHeapTrim trim;
    private final Images images;
    private final ContainerService containers;
    private final dev.berth.engine.network.NetworkService networks;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shutDown;

    private Daemon(DaemonConfig config, HttpServer server, Images images, ContainerService containers,
                   dev.berth.engine.network.NetworkService networks, IdleHeapTrim trim) {
        this.config = config;
        this.trim = trim;
        this.networks = networks;
        this.server = server;
        this.images = images;
        this.containers = containers;
    }

    public static Daemon start(DaemonConfig config) throws IOException {
        Logging.setLevel(config.logLevel());
        Files.createDirectories(config.dataRoot());
        // CVE-2021-41091: other users must not reach container files (setuid binaries) under the data root.
        Files.setPosixFilePermissions(config.dataRoot(), PosixFilePermissions.fromString("rwx--x---"));
        Files.createDirectories(config.execRoot());
        claimPidFile(config.pidFile());
        String cgroupVersion = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
        Images images = null;
        ContainerService containers;
        dev.berth.engine.network.NetworkService networks = null;
        Router router = new Router(new ApiVersion(SystemRoutes.MIN_API_VERSION, SystemRoutes.API_VERSION));
        try {
            images = Images.open(Images.Options.of(config.dataRoot()).withBuiltinArchive(builtinImage()));
            ContainerRuntime runtime = new ContainerRuntime(new RuntimeConfig(config.execRoot().resolve("runtime"), null,
                    Path.of("/sys/fs/cgroup"), config.cgroupParent()));
            ImagesAccess access = new ImagesAccess(images);
            ContainerPaths paths = new ContainerPaths(config.dataRoot().resolve("containers"));
            LateDirectory directory = new LateDirectory();
            networks = dev.berth.engine.network.NetworkService.open(config.network().options(config.dataRoot(), config.execRoot()), directory);
            ContainerStarter starter = new ContainerStarter(runtime, access, paths, HostInfo.detect(), config.cgroupParent(),
                    networks.sandboxes());
            containers = new ContainerService(new ContainerStore(paths), runtime, access, starter, config.liveRestore());
            directory.bind(containers);
            ContainerService events = containers;
            networks.events((action, id, attrs) -> events.events().publish("network", action, id, attrs));
            containers.restore();
            // Layers of containers whose creation was cut off before their record was written.
            for (String leftover : images.containersWithLayers())
                if (containers.all().stream().noneMatch(c -> c.id().equals(leftover))) images.removeContainer(leftover);
            ExecService execs = new ExecService(containers, runtime);
            ContainerService cs = containers;
            Images im = images;
            new SystemRoutes(() -> counts(cs, im), config.dataRoot(), cgroupVersion, config.liveRestore()).register(router);
            new ContainerRoutes(containers, id -> imageName(im, id)).register(router);
            new ExecRoutes(execs).register(router);
            new dev.berth.daemon.api.ArchiveRoutes(new dev.berth.engine.archive.ArchiveService(containers, access, config.execRoot().resolve("archive"))).register(router);
            new dev.berth.daemon.api.ResourceRoutes(containers).register(router);
            new dev.berth.daemon.api.EventRoutes(containers.events()).register(router);
            new dev.berth.daemon.api.ImageRoutes(images, containers).register(router);
            new dev.berth.daemon.api.NetworkRoutes(networks, containers).register(router);
        } catch (RuntimeException | IOException e) {
            if (networks != null) networks.close();
            if (images != null) images.close();
            releasePidFile(config.pidFile());
            throw e;
        }
        Map<String, String> headers = Map.of("Api-Version", SystemRoutes.API_VERSION, "Docker-Experimental", "false",
                "Ostype", "linux", "Server", "Berth/" + SystemRoutes.VERSION + " (linux)");
        IdleHeapTrim trim = IdleHeapTrim.start(java.time.Duration.ofSeconds(10));
        HttpServer server = new HttpServer(config.hosts().stream().map(HttpServer.Listen::new).toList(), trim.counting(router), headers);
        try {
            server.start();
        } catch (IOException | IllegalArgumentException e) {
            trim.close();
            releasePidFile(config.pidFile());
            throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "cannot listen on " + config.hosts() + ": " + e.getMessage());
        }
        LOG.info("API listening on " + String.join(", ", config.hosts()));
        SdNotify.notify("READY=1");
        return new Daemon(config, server, images, containers, networks, trim);
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

    /** The built-in busybox image archive: -Dberth.busybox, else beside the installed jars. */
    static Path builtinImage() {
        String p = System.getProperty("berth.busybox");
        if (p != null && !p.isEmpty()) return Path.of(p);
        return Path.of("/usr/local/lib/berth/lib/busybox-image.tar");
    }

    private static SystemRoutes.Counts counts(ContainerService cs, Images images) {
        int running = 0, paused = 0, stopped = 0, total = 0;
        for (ContainerRecord r : cs.all()) {
            total++;
            if (r.state().paused()) paused++;
            else if (r.state().running()) running++;
            else stopped++;
        }
        return new SystemRoutes.Counts(total, running, paused, stopped, images.store().images().size());
    }

    private static String imageName(Images images, String id) {
        try {
            var refs = images.store().references(dev.berth.image.content.Digest.parse(id));
            for (var ref : refs) if (ref.tag() != null) return ref.familiarString();
            return id.substring(7, 19);
        } catch (RuntimeException e) {
            return id;
        }
    }

    /** For tests: force-removes every container (their mounts, cgroups, monitors); a shutdown then removes bridges and rules. */
    public void removeEverything() {
        for (ContainerRecord r : java.util.List.copyOf(containers.all())) {
            try {
                containers.remove(r.id(), true);
            } catch (RuntimeException e) {
                LOG.warning("remove " + r.id() + ": " + e.getMessage());
            }
        }
    }

    /** SIGTERM: stop accepting, finish, exit cleanly. */
    public void shutdown() {
        if (shutDown) return;
        shutDown = true;
        LOG.info("shutting down");
        trim.close();
        server.close();
        containers.shutdown();
        networks.shutdown(config.liveRestore() && networks.sandboxes().anyRunning());
        networks.close();
        images.close();
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
