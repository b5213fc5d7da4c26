package dev.berth.engine.container;

import dev.berth.common.BerthException;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.RestartPolicy;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ExitStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Docker's container verbs over Berth's runtime (in-process) and image layers: create, start,
 * stop, kill, restart, wait, rm, rename, pause. One lock per container serialises its changes;
 * an exit is noticed by a virtual thread per running container waiting on its monitor.
 */
public final class ContainerService implements dev.berth.engine.network.ContainerDirectory {
    private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());

    /** A start of a running container (HTTP 304), a stop of a stopped one. */
    public static final class NotModified extends RuntimeException {
        NotModified() {
            super(null, null, false, false);
        }
    }

    public record Created(String id, List<String> warnings) {}

    private final ContainerStore store;
    private final Names names = new Names();
    private final ContainerRuntime runtime;
    private final ImageAccess images;
    private final ContainerStarter starter;
    private final Waits waits = new Waits();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> watchers = new ConcurrentHashMap<>();
    private final boolean liveRestore;
    private volatile boolean shuttingDown;
    // Events and health checks (EventsHealthInit).
    private final dev.berth.engine.events.EventBus events = new dev.berth.engine.events.EventBus();
    private final dev.berth.engine.health.HealthMonitor health;

    public ContainerService(ContainerStore store, ContainerRuntime runtime, ImageAccess images, ContainerStarter starter, boolean liveRestore) {
        this.store = store;
        this.runtime = runtime;
        this.images = images;
        this.starter = starter;
        this.liveRestore = liveRestore;
        this.health = new dev.berth.engine.health.HealthMonitor(runtime, (id, status) -> publishFor(id, "health_status: " + status, Map.of()));
    }

    /** The daemon's event bus: container events are published here; GET /events reads it. */
    public dev.berth.engine.events.EventBus events() {
        return events;
    }

    /** State.Health of a container with a health check; null without one. */
    public dev.berth.engine.health.HealthState health(String id) {
        return health.get(id);
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    /** Loads records and reconnects to containers that kept running while the daemon was down. */
    public void restore() throws IOException {
        for (ContainerRecord r : store.load()) {
            names.reserve(r.name(), r.id());
            if (!r.state().running()) continue;
            ContainerStatus s;
            try {
                s = runtime.state(r.id()).status();
            } catch (BerthException e) {
                s = ContainerStatus.STOPPED;
            }
            if (s == ContainerStatus.RUNNING || s == ContainerStatus.PAUSED) {
                watch(r.id());
                health.start(r.id(), starter.healthConfig(r), true);
            } else {
                // It ended while we were away: record how.
                ExitStatus st = exitOf(r.id());
                onExit(r.id(), st);
            }
        }
        for (ContainerRecord r : List.copyOf(store.all()))
            if (!r.state().running() && policy(r).name() != null && r.hostConfig() != null && restartsAfterDaemon(r)) {
                try {
                    start(r.id());
                } catch (RuntimeException e) {
                    LOG.warning("restart of " + r.id() + " failed: " + e.getMessage());
                }
            }
    }

    private static boolean restartsAfterDaemon(ContainerRecord r) {
        String p = policy(r).name();
        return "always".equals(p) || ("unless-stopped".equals(p) && !r.manuallyStopped());
    }

    private ExitStatus exitOf(String id) {
        try {
            ExitStatus st = runtime.waitExit(id, Duration.ZERO);
            return st != null ? st : new ExitStatus(255, 0, false);
        } catch (BerthException e) {
            return new ExitStatus(255, 0, false);
        }
    }

    public String resolve(String ref) {
        return names.resolve(ref);
    }

    public ContainerRecord get(String ref) {
        return store.get(names.resolve(ref));
    }

    /** Another container by name or id, or null (for the container:NAME modes). */
    private ContainerRecord peer(String ref) {
        return names.find(ref).map(store::get).orElse(null);
    }

    @Override
    public String containerName(String id) {
        String n = names.nameOf(id);
        return n == null ? null : n.startsWith("/") ? n.substring(1) : n;
    }

    @Override
    public String idOf(String nameOrId) {
        try {
            return names.find(nameOrId).orElse(null);
        } catch (BerthException e) {
            return null;
        }
    }

    @Override
    public String hostnameOf(String id) {
        try {
            return java.nio.file.Files.readString(store.paths().hostname(id)).strip();
        } catch (IOException e) {
            return id.substring(0, 12);
        }
    }

    public Collection<ContainerRecord> all() {
        return store.all();
    }

    public String nameOf(String id) {
        return names.nameOf(id);
    }

    public Path logPath(String id) {
        return store.paths().log(id);
    }

    public Created create(CreateRequest req, String name) {
        ContainerConfig cfg = req.config();
        if (cfg.image() == null || cfg.image().isEmpty()) throw BerthException.invalid("No image specified");
        HostConfig hc = withDefaults(req.hostConfig());
        validateRestart(hc);
        ImageAccess.ResolvedImage image = images.resolve(cfg.image());
        List<String> warnings = new ArrayList<>(starter.validate(req, image.config()));
        String id = Names.newId();
        String n = names.reserve(name, id);
        try {
            String hostname = cfg.hostname() != null && !cfg.hostname().isEmpty() ? cfg.hostname()
                    : ContainerStarter.networkMode(hc).equals("host") ? ContainerStarter.hostHostname() : id.substring(0, 12);
            images.prepare(id, image.id(), hostname);
            ContainerRecord r = new ContainerRecord(id, n, Instant.now().toString(), null, List.of(), image.id(), cfg, hc,
                    ContainerState.created(), 0, store.paths().log(id).toString(), store.paths().hostname(id).toString(),
                    store.paths().hosts(id).toString(), store.paths().resolvConf(id).toString(), store.paths().rootfs(id).toString(), false);
            r = starter.describe(r, image.config());
            starter.registerNetworks(id, req);
            store.save(r);
            starter.writeNetworkFiles(r, hostname);
            publish(r, "create", Map.of());
            return new Created(id, warnings);
        } catch (RuntimeException e) {
            names.release(id);
            try {
                images.remove(id);
            } catch (RuntimeException s) {
                e.addSuppressed(s);
            }
            try {
                starter.forgetNetworks(id);
            } catch (RuntimeException s) {
                e.addSuppressed(s);
            }
            store.delete(id);
            throw e;
        }
    }

    /** What dockerd fills in at create, so inspect shows what the container gets (clients read LogConfig.Type). */
    private HostConfig withDefaults(HostConfig given) {
        HostConfig hc = dev.berth.engine.spec.HostConfigDefaults.apply(given, starter.cgroupV2(),
                dev.berth.oci.runtime.SpecDefaults.DOCKER_MASKED_PATHS);
        if (hc.logConfig() == null || hc.logConfig().type() == null || hc.logConfig().type().isEmpty())
            hc = hc.toBuilder().logConfig(new dev.berth.engine.model.LogConfig("json-file",
                    hc.logConfig() == null ? java.util.Map.of() : hc.logConfig().config())).build();
        if (hc.restartPolicy() == null) hc = hc.toBuilder().restartPolicy(new RestartPolicy("no", 0)).build();
        return hc;
    }

    private static void validateRestart(HostConfig hc) {
        RestartPolicy p = hc.restartPolicy();
        if (p == null || p.name() == null || p.name().isEmpty() || p.name().equals("no")) return;
        switch (p.name()) {
            case "always", "unless-stopped" -> {
                if (p.maximumRetryCount() != null && p.maximumRetryCount() != 0)
                    throw BerthException.invalid("maximum retry count cannot be used with restart policy '%s'", p.name());
            }
            case "on-failure" -> {
                if (p.maximumRetryCount() != null && p.maximumRetryCount() < 0)
                    throw BerthException.invalid("maximum retry count cannot be negative");
            }
            default -> throw BerthException.invalid("invalid restart policy '%s'", p.name());
        }
        if (Boolean.TRUE.equals(hc.autoRemove())) throw BerthException.invalid("can't create 'AutoRemove' container with restart policy");
    }

    private static RestartPolicy policy(ContainerRecord r) {
        RestartPolicy p = r.hostConfig() == null ? null : r.hostConfig().restartPolicy();
        return p == null ? new RestartPolicy(null, 0) : p;
    }

    public void start(String ref) {
        String id = names.resolve(ref);
        synchronized (lock(id)) {
            ContainerRecord r = store.get(id);
            if (r.state().running() && !r.state().restarting()) throw new NotModified();
            if (r.state().status().equals("removing")) throw BerthException.conflict("container is marked for removal and cannot be started");
            CompletableFuture<Integer> unused = waits.nextExit(id);
            try {
                int pid = starter.start(r, this::peer);
                store.save(r.withState(r.state().started(pid, Instant.now().toString())).withRestart(r.restartCount(), false));
                publish(r, "start", Map.of());
                health.start(id, starter.healthConfig(r));
            } catch (BerthException e) {
                int code = switch (e.kind()) {
                    case COMMAND_NOT_FOUND -> 127;
                    case COMMAND_NOT_EXECUTABLE -> 126;
                    default -> 128;
                };
                store.save(r.withState(r.state().failed(code, e.getMessage(), Instant.now().toString())));
                waits.exited(id, code);
                // Docker removes an AutoRemove container whose start failed, which ends `wait?condition=removed`.
                if (r.hostConfig() != null && Boolean.TRUE.equals(r.hostConfig().autoRemove()))
                    Thread.ofVirtual().start(() -> {
                        try {
                            remove(id, true);
                        } catch (RuntimeException ignored) {
                            // already gone
                        }
                    });
                throw e;
            }
            watch(id);
        }
    }

    /**
     * The wait is a poll(2) on the monitor's pidfd through FFM, which pins a virtual thread's
     * carrier for as long as the container runs: so each watcher is a small platform thread.
     */
    private void watch(String id) {
        watchers.computeIfAbsent(id, k -> CompletableFuture.runAsync(() -> {
            try {
                ExitStatus st = runtime.waitExit(id, null);
                watchers.remove(id);
                if (!shuttingDown) onExit(id, st);
            } catch (RuntimeException e) {
                watchers.remove(id);
                LOG.log(Level.WARNING, "watching " + id + " failed", e);
            }
        }, r -> Thread.ofPlatform().daemon().name("exit-" + id.substring(0, 12)).stackSize(256 * 1024).start(r)));
    }

    private void onExit(String id, ExitStatus st) {
        ContainerRecord r;
        synchronized (lock(id)) {
            r = store.get(id);
            starter.cleanup(r);
            r = r.withState(r.state().exited(st.code(), st.oomKilled(), Instant.now().toString()));
            store.save(r);
        }
        health.stop(id);
        if (st.oomKilled()) publish(r, "oom", Map.of());
        publish(r, "die", Map.of("exitCode", Integer.toString(st.code())));
        waits.exited(id, st.code());
        if (shouldRestart(r, st.code())) {
            long delay = (long) Math.min(60_000, 100 * Math.pow(2, Math.min(r.restartCount(), 10)));
            ContainerRecord counted = r.withRestart(r.restartCount() + 1, false);
            store.save(counted.withState(counted.state().asRestarting()));
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(delay);
                    ContainerRecord now = store.get(id);
                    if (now.state().restarting()) start(id);
                } catch (InterruptedException | RuntimeException e) {
                    LOG.warning("restart of " + id + " failed: " + e.getMessage());
                }
            });
            return;
        }
        if (r.hostConfig() != null && Boolean.TRUE.equals(r.hostConfig().autoRemove())) {
            try {
                remove(id, true);
            } catch (RuntimeException e) {
                LOG.warning("auto-remove of " + id + " failed: " + e.getMessage());
            }
        }
    }

    private boolean shouldRestart(ContainerRecord r, int code) {
        if (shuttingDown || r.manuallyStopped()) return false;
        RestartPolicy p = policy(r);
        if (p.name() == null) return false;
        return switch (p.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> code != 0 && (p.maximumRetryCount() == null || p.maximumRetryCount() == 0 || r.restartCount() < p.maximumRetryCount());
            default -> false;
        };
    }

    /** SIGTERM (or the stop signal), then SIGKILL after the timeout; NotModified when not running. */
    public void stop(String ref, Integer timeoutSeconds) {
        String id = names.resolve(ref);
        ContainerRecord r = store.get(id);
        if (r.state().restarting()) {
            store.save(r.withRestart(r.restartCount(), true).withState(r.state().exited(r.state().exitCode(), false, Instant.now().toString())));
            return;
        }
        if (!r.state().running()) throw new NotModified();
        store.save(r.withRestart(r.restartCount(), true));
        int t = timeoutSeconds != null ? timeoutSeconds : r.config() != null && r.config().stopTimeout() != null ? r.config().stopTimeout() : 10;
        CompletableFuture<Integer> exit = waits.nextExit(id);
        if (r.state().paused()) unpause(id);
        signal(id, StopSignal.parse(r.config() == null ? null : r.config().stopSignal()));
        try {
            if (t >= 0) exit.get(t, java.util.concurrent.TimeUnit.SECONDS);
            else exit.get();
        } catch (java.util.concurrent.TimeoutException e) {
            signal(id, 9);
            awaitQuietly(exit);
        } catch (Exception e) {
            awaitQuietly(exit);
        }
        publishFor(id, "stop", Map.of());
    }

    private static void awaitQuietly(CompletableFuture<Integer> f) {
        try {
            f.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // reported by the watcher
        }
    }

    public void kill(String ref, String signal) {
        String id = names.resolve(ref);
        ContainerRecord r = store.get(id);
        if (!r.state().running())
            throw BerthException.conflict("Cannot kill container: %s: Container %s is not running", ref, id);
        int sig = StopSignal.parse(signal == null || signal.isEmpty() ? "KILL" : signal);
        if (sig == 9 || sig == 15) store.save(r.withRestart(r.restartCount(), true));
        signal(id, sig);
    }

    private void signal(String id, int sig) {
        try {
            runtime.kill(id, sig, false);
            publishFor(id, "kill", Map.of("signal", Integer.toString(sig)));
        } catch (BerthException e) {
            if (e.kind() != BerthException.Kind.CONFLICT && e.kind() != BerthException.Kind.NOT_FOUND) throw e;
        }
    }

    public void restart(String ref, Integer timeout) {
        String id = names.resolve(ref);
        try {
            stop(id, timeout);
        } catch (NotModified ignored) {
            // not running: just start
        }
        start(id);
    }

    public void pause(String ref) {
        String id = names.resolve(ref);
        synchronized (lock(id)) {
            ContainerRecord r = store.get(id);
            if (!r.state().running()) throw BerthException.conflict("Container %s is not running", id);
            if (r.state().paused()) throw BerthException.conflict("Container %s is already paused", id);
            runtime.pause(id);
            store.save(r.withState(r.state().paused(true)));
            publish(r, "pause", Map.of());
        }
    }

    public void unpause(String ref) {
        String id = names.resolve(ref);
        synchronized (lock(id)) {
            ContainerRecord r = store.get(id);
            if (!r.state().paused()) throw BerthException.conflict("Container %s is not paused", id);
            runtime.resume(id);
            store.save(r.withState(r.state().paused(false)));
            publish(r, "unpause", Map.of());
        }
    }

    public void rename(String ref, String newName) {
        String id = names.resolve(ref);
        synchronized (lock(id)) {
            names.rename(id, newName);
            ContainerRecord r = store.get(id);
            store.save(r.withName(names.nameOf(id)));
            publish(r.withName(names.nameOf(id)), "rename", Map.of("oldName", r.name()));
        }
    }

    /** Blocks until the condition holds: "not-running" (default), "next-exit" or "removed"; returns the exit code. */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        String id = names.resolve(ref);
        String c = condition == null || condition.isEmpty() ? "not-running" : condition;
        synchronized (lock(id)) {
            ContainerRecord r = store.get(id);
            return switch (c) {
                case "not-running" -> r.state().running() || r.state().restarting() ? waits.nextExit(id)
                        : CompletableFuture.completedFuture(r.state().exitCode());
                case "next-exit" -> waits.nextExit(id);
                case "removed" -> waits.removed(id);
                default -> throw BerthException.invalid("invalid condition: \"%s\"", c);
            };
        }
    }

    public void remove(String ref, boolean force) {
        String id = names.resolve(ref);
        ContainerRecord r = store.get(id);
        if (r.state().running() && !force) {
            if (r.state().paused())
                throw BerthException.conflict("You cannot remove a paused container %s. Unpause and then stop the container before attempting removal or force remove", id);
            throw BerthException.conflict("You cannot remove a running container %s. Stop the container before attempting removal or force remove", id);
        }
        synchronized (lock(id)) {
            r = store.get(id);
            if (r.state().status().equals("removing")) return;
            store.save(r.withState(r.state().removing()).withRestart(r.restartCount(), true));
        }
        if (r.state().running()) {
            CompletableFuture<Integer> exit = waits.nextExit(id);
            if (r.state().paused()) {
                try {
                    runtime.resume(id);
                } catch (BerthException ignored) {
                    // it may have died meanwhile
                }
            }
            signal(id, 9);
            awaitQuietly(exit);
        }
        synchronized (lock(id)) {
            r = store.get(id);
            starter.cleanup(r);
            starter.forgetNetworks(id);
            images.remove(id);
            names.release(id);
            store.delete(id);
        }
        health.forget(id);
        publish(r, "destroy", Map.of());
        locks.remove(id);
        waits.removedNow(id, r.state().exitCode());
    }

    /** Daemon shutdown: with live restore the containers keep running; without, they are stopped. */
    public void shutdown() {
        if (!liveRestore) {
            for (ContainerRecord r : List.copyOf(store.all()))
                if (r.state().running()) {
                    try {
                        stop(r.id(), null);
                    } catch (RuntimeException ignored) {
                        // best effort
                    }
                }
        }
        shuttingDown = true;
    }

    /** For the attach endpoint: the runtime's state dir of a started container (its attach socket and ctl fifo). */
    public Path runtimeDir(String id) {
        return runtime.config().stateRoot().resolve(id);
    }

    public ContainerStarter starter() {
        return starter;
    }

    public List<Integer> pids(String id) {
        return runtime.ps(id);
    }

    public boolean isRunning(String id) {
        try {
            return store.get(id).state().running();
        } catch (BerthException e) {
            return false;
        }
    }

    /** A container event (with its image, name and labels) for a container that exists; e.g. exec_start. */
    public void publishFor(String id, String action, Map<String, String> extra) {
        try {
            publish(store.get(id), action, extra);
        } catch (BerthException e) {
            // removed meanwhile: no event
        }
    }

    /** A container event with Docker's attributes: its labels, image (as given at create) and name. */
    private void publish(ContainerRecord r, String action, Map<String, String> extra) {
        Map<String, String> a = new java.util.HashMap<>();
        if (r.config() != null && r.config().labels() != null) a.putAll(r.config().labels());
        a.put("image", r.config() == null || r.config().image() == null ? r.imageId() : r.config().image());
        a.put("name", r.name() == null ? "" : r.name().replaceFirst("^/", ""));
        a.putAll(extra);
        events.publish("container", action, r.id(), a);
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }

    /**
     * docker update: under the container's lock, change (which may refuse) gives the new HostConfig; a
     * running container gets resources(new) applied to its cgroup first, then the record is saved.
     */
    public ContainerRecord updateHostConfig(String ref, java.util.function.UnaryOperator<HostConfig> change,
                                            java.util.function.Function<HostConfig, dev.berth.oci.runtime.Spec.Resources> resources) {
        String id = names.resolve(ref);
        synchronized (lock(id)) {
            ContainerRecord r = store.get(id);
            HostConfig after = change.apply(r.hostConfig() == null ? HostConfig.builder().build() : r.hostConfig());
            if (r.state().running()) runtime.update(id, resources.apply(after));
            ContainerRecord updated = r.withHostConfig(after);
            store.save(updated);
            return updated;
        }
    }

    /** For docker stats: the cgroup counters of a running container. */
    public dev.berth.cgroups.CgroupStats stats(String id) {
        return runtime.stats(id);
    }
}
