package dev.berth.daemon.api;

import dev.berth.api.http.ApiVersion;
import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.engine.container.AttachRelay;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.ContainerStarter;
import dev.berth.engine.logs.JsonFileReader;
import dev.berth.engine.logs.LogOptions;
import dev.berth.engine.model.CreateRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** /containers/...: the container verbs of the Docker Engine API. */
public final class ContainerRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("status", "name", "id", "label", "ancestor", "exited", "before",
            "since", "volume", "network", "health", "isolation", "is-task", "publish", "expose");

    private final ContainerService containers;
    private final Function<String, String> imageName;

    /** imageName: how an image ID is shown in `ps` (its first tag, else the short ID). */
    public ContainerRoutes(ContainerService containers, Function<String, String> imageName) {
        this.containers = containers;
        this.imageName = imageName;
    }

    public void register(Router r) {
        r.on("POST", "/containers/create", this::create);
        r.on("GET", "/containers/json", this::list);
        r.on("GET", "/containers/{id}/json", (req, ex, p) -> {
            ContainerRecord rec = containers.get(p.get("id"));
            ex.sendJson(200, ContainerViews.inspect(rec, containers.health(rec.id()), containers.starter().sandboxes()));
        });
        r.on("POST", "/containers/{id}/start", (req, ex, p) -> notModified(ex, () -> containers.start(p.get("id"))));
        r.on("POST", "/containers/{id}/stop", (req, ex, p) -> notModified(ex, () -> containers.stop(p.get("id"), timeout(req))));
        r.on("POST", "/containers/{id}/restart", (req, ex, p) -> {
            containers.restart(p.get("id"), timeout(req));
            ex.sendEmpty(204);
        });
        r.on("POST", "/containers/{id}/kill", (req, ex, p) -> {
            containers.kill(p.get("id"), req.query("signal"));
            ex.sendEmpty(204);
        });
        r.on("POST", "/containers/{id}/pause", (req, ex, p) -> {
            containers.pause(p.get("id"));
            ex.sendEmpty(204);
        });
        r.on("POST", "/containers/{id}/unpause", (req, ex, p) -> {
            containers.unpause(p.get("id"));
            ex.sendEmpty(204);
        });
        r.on("POST", "/containers/{id}/rename", (req, ex, p) -> {
            containers.rename(p.get("id"), req.query("name", ""));
            ex.sendEmpty(204);
        });
        r.on("DELETE", "/containers/{id}", (req, ex, p) -> {
            containers.remove(p.get("id"), req.flag("force", false));
            ex.sendEmpty(204);
        });
        r.on("POST", "/containers/{id}/wait", this::waitFor);
        r.on("POST", "/containers/{id}/attach", this::attach);
        r.on("GET", "/containers/{id}/logs", this::logs);
        r.on("POST", "/containers/{id}/resize", this::resize);
        r.on("POST", "/containers/prune", this::prune);
        r.on("GET", "/containers/{id}/top", this::top);
    }

    private static Integer timeout(HttpRequest req) {
        String t = req.query("t");
        if (t == null || t.isEmpty()) return null;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid value for t: %s", t);
        }
    }

    private interface Action {
        void run();
    }

    private static void notModified(HttpExchange ex, Action a) throws IOException {
        try {
            a.run();
            ex.sendEmpty(204);
        } catch (ContainerService.NotModified e) {
            ex.sendEmpty(304);
        }
    }

    private void create(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String ct = req.header("content-type");
        byte[] body = req.body().readAllBytes();
        if (ct != null && !ct.startsWith("application/json") && body.length > 0)
            throw BerthException.invalid("Content-Type specified (%s) must be 'application/json'", ct);
        if (body.length == 0) throw BerthException.invalid("invalid JSON: empty body");
        CreateRequest cr = CreateRequest.parse(body);
        ContainerService.Created c = containers.create(cr, req.query("name"));
        ex.sendJson(201, Map.of("Id", c.id(), "Warnings", c.warnings()));
    }

    private void list(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        Filters f = Filters.parse(req.query("filters"), LIST_FILTERS);
        boolean all = req.flag("all", false);
        int limit = req.intQuery("limit", -1);
        List<ContainerRecord> rows = new ArrayList<>(containers.all());
        rows.sort(Comparator.comparing(ContainerRecord::created).reversed());
        ListRowFilters.validate(f);
        String before = f.has("before") ? containers.resolve(f.get("before").getFirst()) : null;
        String since = f.has("since") ? containers.resolve(f.get("since").getFirst()) : null;
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContainerRecord r : rows) {
            // Newest first: before=X skips down to X, since=X stops at X (moby's list order).
            if (before != null) {
                if (r.id().equals(before)) before = null;
                continue;
            }
            if (since != null && r.id().equals(since)) break;
            if (!all && !r.state().running() && !f.has("status") && !f.has("exited") && limit < 0) continue;
            if (!matches(r, f)) continue;
            var health = containers.health(r.id());
            Map<String, Object> row = ContainerViews.listRow(r, imageName.apply(r.imageId()), health, containers.starter().sandboxes());
            String healthStatus = health == null ? "none" : health.status();
            if (!ListRowFilters.matches(row, f, healthStatus)) continue;
            out.add(row);
            if (limit > 0 && out.size() >= limit) break;
        }
        ex.sendJson(200, out);
    }

    private boolean matches(ContainerRecord r, Filters f) {
        if (f.has("status") && !f.get("status").contains(r.state().status())) return false;
        if (f.has("exited") && (r.state().running() || !f.get("exited").contains(Integer.toString(r.state().exitCode())))) return false;
        if (f.has("id") && f.get("id").stream().noneMatch(r.id()::startsWith)) return false;
        if (f.has("name") && f.get("name").stream().noneMatch(n -> r.name().substring(1).matches(".*" + n.replaceFirst("^/", "") + ".*"))) return false;
        if (f.has("label")) {
            Map<String, String> labels = r.config() == null || r.config().labels() == null ? Map.of() : r.config().labels();
            for (String l : f.get("label")) {
                int eq = l.indexOf('=');
                if (eq < 0 ? !labels.containsKey(l) : !l.substring(eq + 1).equals(labels.get(l.substring(0, eq)))) return false;
            }
        }
        if (f.has("ancestor") && f.get("ancestor").stream().noneMatch(a -> a.equals(r.config().image()) || r.imageId().contains(a)))
            return false;
        return true;
    }

    private void waitFor(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        var future = containers.waitFor(p.get("id"), req.query("condition"));
        // The CLI waits for these headers before it starts the container: send them at once.
        OutputStream out = ex.startChunked(200, "application/json", null);
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            body.put("StatusCode", future.get());
            body.put("Error", null);
        } catch (Exception e) {
            body.put("StatusCode", -1);
            body.put("Error", Map.of("Message", String.valueOf(e.getMessage())));
        }
        out.write((new String(dev.berth.common.Json.bytes(body)) + "\n").getBytes());
        out.close();
    }

    private void attach(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String id = containers.resolve(p.get("id"));
        ContainerRecord r = containers.get(id);
        boolean stdin = req.flag("stdin", false);
        boolean stdinOnce = r.config() != null && Boolean.TRUE.equals(r.config().stdinOnce());
        ContainerStarter.PendingAttach pending = null;
        if (!r.state().running() && r.state().startedAt().equals(dev.berth.engine.container.ContainerState.ZERO_TIME))
            pending = containers.starter().attachBeforeStart(id);
        else if (!r.state().running() && !req.flag("logs", false))
            throw BerthException.conflict("You cannot attach to a stopped container, start it first");
        HttpExchange.Hijacked h = ex.hijack(req.wantsUpgrade(), "application/vnd.docker.raw-stream");
        Path dir;
        try {
            dir = pending != null ? pending.awaitMonitor() : containers.runtimeDir(id);
        } catch (Exception e) {
            h.closeOutput();
            return;
        }
        SocketChannel mon;
        try {
            mon = AttachRelay.connect(dir.resolve("attach.sock"));
        } catch (IOException e) {
            if (pending != null) pending.connected();
            h.closeOutput();
            return;
        }
        if (pending != null) pending.connected();
        AttachRelay.relay(mon, dir.resolve("ctl"), h.in(), h.out(), h::closeOutput, stdin, stdinOnce);
    }

    private void logs(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String id = containers.resolve(p.get("id"));
        ContainerRecord r = containers.get(id);
        boolean stdout = req.flag("stdout", false), stderr = req.flag("stderr", false);
        if (!stdout && !stderr) throw BerthException.invalid("Bad parameters: you must choose at least one stream");
        if (r.hostConfig() != null && r.hostConfig().logConfig() != null && "none".equals(r.hostConfig().logConfig().type()))
            throw BerthException.invalid("configured logging driver does not support reading");
        LogOptions o = new LogOptions(stdout, stderr, time(req.query("since")), time(req.query("until")), req.flag("timestamps", false),
                LogOptions.parseTail(req.query("tail")), req.flag("follow", false));
        if (o.follow()) {
            followLogs(req, ex, id, r.tty(), o);
            return;
        }
        OutputStream out = ex.startChunked(200, null, null);
        try {
            JsonFileReader.stream(containers.logPath(id), o, r.tty(), out, () -> containers.isRunning(id));
            out.close();
        } catch (IOException e) {
            // the client went away
        }
    }

    /**
     * A follow runs until the container stops, or until the client goes, which a silent container
     * would never reveal by a failed write. So the connection is taken over (the body then ends
     * with the connection, as HTTP/1.1 allows) and its input watched: a logs client sends
     * nothing after its request, so EOF there means it has gone, as dockerd's cancelled request
     * context does.
     */
    private void followLogs(HttpRequest req, HttpExchange ex, String id, boolean tty, LogOptions o) throws IOException {
        String api = req.apiVersion();
        boolean multiplexed = !tty && (api == null || ApiVersion.compare(api, "1.42") >= 0);
        HttpExchange.Hijacked h = ex.hijack(false, multiplexed ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream");
        AtomicBoolean gone = new AtomicBoolean();
        // Ends when the server closes the connection after this handler, if not before.
        Thread.ofVirtual().name("logs-client " + id.substring(0, 12)).start(() -> {
            try {
                byte[] discard = new byte[512];
                while (h.in().read(discard) >= 0) {
                    // nothing is expected; whatever comes is ignored
                }
            } catch (IOException e) {
                // reset, or closed when the stream ended
            } finally {
                gone.set(true);
            }
        });
        try {
            JsonFileReader.stream(containers.logPath(id), o, tty, h.out(), () -> containers.isRunning(id), gone::get);
            h.closeOutput();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Instant time(String v) {
        if (v == null || v.isEmpty() || v.equals("0")) return null;
        try {
            double d = Double.parseDouble(v);
            return Instant.ofEpochSecond((long) d, (long) ((d - Math.floor(d)) * 1e9));
        } catch (NumberFormatException e) {
            return Instant.parse(v);
        }
    }

    private void prune(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        Filters.parse(req.query("filters"), Set.of("until", "label"));
        List<String> deleted = new ArrayList<>();
        for (ContainerRecord r : List.copyOf(containers.all())) {
            if (r.state().running() || r.state().restarting()) continue;
            try {
                containers.remove(r.id(), false);
                deleted.add(r.id());
            } catch (BerthException ignored) {
                // started or removed meanwhile
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ContainersDeleted", deleted.isEmpty() ? null : deleted);
        m.put("SpaceReclaimed", 0);
        ex.sendJson(200, m);
    }

    /** docker top: `ps` (with the client's options, default -ef) filtered to the container's pids. */
    private void top(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String id = containers.resolve(p.get("id"));
        if (!containers.isRunning(id)) throw BerthException.conflict("Container %s is not running", id);
        List<Integer> pids = containers.pids(id);
        List<String> cmd = new ArrayList<>(List.of("ps"));
        String args = req.query("ps_args", "-ef");
        cmd.addAll(List.of(args.trim().split("\\s+")));
        Process ps = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(ps.getInputStream().readAllBytes()).lines().toList();
        try {
            ps.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ps.exitValue() != 0) throw BerthException.internal("ps: " + String.join("\n", lines), null);
        List<String> titles = List.of(lines.get(0).trim().split("\\s+"));
        int pidCol = titles.indexOf("PID");
        if (pidCol < 0) throw BerthException.internal("Couldn't find PID field in ps output", null);
        List<List<String>> procs = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+", titles.size());
            if (f.length > pidCol && pids.contains(Integer.parseInt(f[pidCol]))) procs.add(List.of(f));
        }
        ex.sendJson(200, Map.of("Titles", titles, "Processes", procs));
    }

    private void resize(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        String id = containers.resolve(p.get("id"));
        if (!containers.isRunning(id)) throw BerthException.conflict("Container %s is not running", id);
        AttachRelay.resize(containers.runtimeDir(id).resolve("ctl"), req.intQuery("h", 0), req.intQuery("w", 0));
        ex.send(200, "text/plain; charset=utf-8", new byte[0]);
    }
}
