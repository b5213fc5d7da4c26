package dev.berth.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExecHandle;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Runs each running container's health check as an exec every Interval (a virtual thread per
 * container), keeps its {@link HealthState} in memory and reports status changes.
 */
public final class HealthMonitor {
    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());
    static final int MAX_OUTPUT = 4096;

    private final ContainerRuntime runtime;
    private final BiConsumer<String, String> onStatus;
    private final Map<String, HealthState> states = new ConcurrentHashMap<>();
    private final Map<String, Thread> probers = new ConcurrentHashMap<>();

    /** onStatus(containerId, newStatus) is called when a container's health changes. */
    public HealthMonitor(ContainerRuntime runtime, BiConsumer<String, String> onStatus) {
        this.runtime = runtime;
        this.onStatus = onStatus;
    }

    public void start(String id, HealthConfig cfg) {
        start(id, cfg, false);
    }

    /**
     * Starts probing; {@code resume} (a container adopted by a restarted berthd) carries on from the
     * state saved after the last probe, as Docker keeps State.Health across daemon restarts.
     */
    public void start(String id, HealthConfig cfg, boolean resume) {
        stop(id);
        if (cfg == null) {
            states.remove(id);
            return;
        }
        HealthState state = resume ? saved(id) : new HealthState();
        states.put(id, state);
        Instant started = Instant.now();
        probers.put(id, Thread.ofVirtual().name("health-" + id.substring(0, 12)).start(() -> loop(id, cfg, state, started)));
    }

    /** At exit: probing ends; the last state stays for inspect (Docker keeps it too). */
    public void stop(String id) {
        Thread t = probers.remove(id);
        if (t != null) t.interrupt();
    }

    public void forget(String id) {
        stop(id);
        states.remove(id);
    }

    public HealthState get(String id) {
        return states.get(id);
    }

    private void loop(String id, HealthConfig cfg, HealthState state, Instant started) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(cfg.interval());
                HealthState.Probe p = probe(id, cfg);
                if (Thread.currentThread().isInterrupted()) return;
                boolean inStart = Duration.between(started, p.start()).compareTo(cfg.startPeriod()) < 0;
                String changed = state.record(p, inStart, cfg.retries());
                save(id, state);
                if (changed != null) onStatus.accept(id, changed);
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (RuntimeException e) {
            LOG.warning("health check of " + id + " stopped: " + e.getMessage());
        }
    }

    private HealthState.Probe probe(String id, HealthConfig cfg) {
        Instant start = Instant.now();
        Path out = null;
        try {
            // Beside the container's runtime state (gone with it); probes of one container never overlap.
            out = runtime.config().stateRoot().resolve(id).resolve("health-probe.log");
            Files.deleteIfExists(out);
            Spec.Process base = runtime.spec(id).process();
            Spec.Process p = new Spec.Process(false, null, base.user(), cfg.command(), base.env(), base.cwd(), base.capabilities(),
                    base.rlimits(), base.noNewPrivileges(), base.apparmorProfile(), base.oomScoreAdj(), base.selinuxLabel());
            ExecHandle h = runtime.exec(id, p, IoOptions.log(out, false, true), "health-" + UUID.randomUUID());
            try {
                ExitStatus st = runtime.waitExec(h, cfg.timeout());
                if (st == null) {
                    kill(h.pid());
                    runtime.waitExec(h, Duration.ofSeconds(5));
                    return new HealthState.Probe(start, Instant.now(), -1,
                            "Health check exceeded timeout (" + cfg.timeout().toSeconds() + "s)");
                }
                return new HealthState.Probe(start, Instant.now(), st.code(), output(out));
            } finally {
                runtime.removeExec(h);
            }
        } catch (RuntimeException | IOException e) {
            return new HealthState.Probe(start, Instant.now(), -1, String.valueOf(e.getMessage()));
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }

    private Path savedFile(String id) {
        return runtime.config().stateRoot().resolve(id).resolve("health.json");
    }

    private void save(String id, HealthState state) {
        try {
            dev.berth.common.AtomicFiles.write(savedFile(id), Json.bytes(state.toJson()), false);
        } catch (IOException | RuntimeException e) {
            LOG.fine("save health of " + id + ": " + e.getMessage());
        }
    }

    private HealthState saved(String id) {
        try {
            return HealthState.fromJson(Json.mapper().readTree(Files.readAllBytes(savedFile(id))));
        } catch (IOException | RuntimeException e) {
            return new HealthState();
        }
    }

    private static void kill(int pid) {
        try {
            dev.berth.sys.Libc.kill(pid, 9);
        } catch (Exception ignored) {
            // already gone
        }
    }

    /** The probe's stdout and stderr from its json-file log, cut at 4096 bytes as Docker does. */
    static String output(Path log) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode n = Json.mapper().readTree(line);
            sb.append(n.path("log").asText());
            if (sb.length() > MAX_OUTPUT) break;
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        return b.length <= MAX_OUTPUT ? sb.toString() : new String(b, 0, MAX_OUTPUT, StandardCharsets.UTF_8);
    }
}
