package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.container.AttachRelay;
import dev.berth.engine.exec.ExecConfig;
import dev.berth.engine.exec.ExecService;
import dev.berth.engine.exec.ExecState;
import dev.berth.engine.logs.Frames;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** /containers/{id}/exec and /exec/{id}/...: docker exec. */
public final class ExecRoutes {
    private final ExecService execs;

    public ExecRoutes(ExecService execs) {
        this.execs = execs;
    }

    public void register(Router r) {
        r.on("POST", "/containers/{id}/exec", (req, ex, p) -> {
            ExecConfig cfg = req.json(ExecConfig.class);
            ex.sendJson(201, Map.of("Id", execs.create(p.get("id"), cfg)));
        });
        r.on("POST", "/exec/{id}/start", this::start);
        r.on("POST", "/exec/{id}/resize", (req, ex, p) -> {
            ExecState e = execs.get(p.get("id"));
            if (!e.running()) throw BerthException.internal("cannot resize a stopped container: unknown", null);
            AttachRelay.resize(execs.monitorDir(e).resolve("ctl"), req.intQuery("h", 0), req.intQuery("w", 0));
            ex.send(200, "text/plain; charset=utf-8", new byte[0]);
        });
        r.on("GET", "/exec/{id}/json", (req, ex, p) -> ex.sendJson(200, inspect(execs.get(p.get("id")))));
    }

    private void start(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        JsonNode body = null;
        byte[] raw = req.body().readAllBytes();
        if (raw.length > 0) body = Json.mapper().readTree(raw);
        boolean detach = body != null && body.path("Detach").asBoolean(false);
        ExecState e = execs.get(p.get("id"));
        if (detach) {
            execs.prepare(e.id(), false);
            execs.run(e, null);
            ex.send(200, "application/json", new byte[0]);
            return;
        }
        HttpExchange.Hijacked h = ex.hijack(req.wantsUpgrade(), "application/vnd.docker.raw-stream");
        try {
            execs.prepare(e.id(), true);
        } catch (BerthException failure) {
            // Docker answers the upgrade, then reports the failure as output and exit code 126.
            execs.failed(e);
            Frames.write(h.out(), 1, (failure.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8), e.config().isTty());
            h.closeOutput();
            return;
        }
        SocketChannel mon = AttachRelay.connect(execs.monitorDir(e).resolve("attach.sock"));
        execs.run(e, null);
        AttachRelay.relay(mon, execs.monitorDir(e).resolve("ctl"), h.in(), h.out(), () -> {
            execs.settle(e);
            h.closeOutput();
        }, e.config().stdin(), true);
    }

    private static Map<String, Object> inspect(ExecState e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", e.id());
        m.put("Running", e.running());
        m.put("ExitCode", e.exitCode());
        Map<String, Object> pc = new LinkedHashMap<>();
        pc.put("tty", e.config().isTty());
        pc.put("entrypoint", e.config().cmd().get(0));
        pc.put("arguments", e.config().cmd().subList(1, e.config().cmd().size()));
        pc.put("privileged", Boolean.TRUE.equals(e.config().privileged()));
        pc.put("user", e.config().user() == null ? "" : e.config().user());
        m.put("ProcessConfig", pc);
        m.put("OpenStdin", e.config().stdin());
        m.put("OpenStderr", Boolean.TRUE.equals(e.config().attachStderr()));
        m.put("OpenStdout", Boolean.TRUE.equals(e.config().attachStdout()));
        m.put("CanRemove", false);
        m.put("ContainerID", e.containerId());
        m.put("DetachKeys", "");
        m.put("Pid", e.pid());
        return m;
    }
}
