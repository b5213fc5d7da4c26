package dev.berth.daemon.api;

import dev.berth.api.http.HttpExchange;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.cgroups.CgroupStats;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** POST /containers/{id}/update (docker update) and GET /containers/{id}/stats (docker stats). */
public final class ResourceRoutes {
    private static final long INTERVAL_MS = 1000;

    private final ContainerService containers;
    private final long hostMemory = StatsView.hostMemory();

    public ResourceRoutes(ContainerService containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.on("POST", "/containers/{id}/update", this::update);
        r.on("GET", "/containers/{id}/stats", this::stats);
    }

    private void update(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        ContainerRecord r = containers.get(p.get("id"));
        byte[] body = req.body().readAllBytes();
        ResourceUpdate.Request u;
        try {
            u = body.length == 0 ? new ResourceUpdate.Request(null, null, null, null, null, null, null, null, null, null, null, null)
                    : Json.mapper().readValue(body, ResourceUpdate.Request.class);
        } catch (IOException e) {
            throw BerthException.invalid("invalid JSON: %s", e.getMessage());
        }
        try {
            containers.updateHostConfig(r.id(), hc -> ResourceUpdate.merge(hc, u), ResourceUpdate::resources);
        } catch (BerthException e) {
            throw new BerthException(e.kind(), "Cannot update container " + r.id() + ": " + e.getMessage());
        }
        ex.sendJson(200, Map.of("Warnings", List.of()));
    }

    private void stats(HttpRequest req, HttpExchange ex, Map<String, String> p) throws IOException {
        ContainerRecord r = containers.get(p.get("id"));
        String id = r.id();
        boolean stream = req.flag("stream", true);
        boolean oneShot = req.flag("one-shot", false);
        if (!stream) {
            StatsView.Sample pre = StatsView.Sample.EMPTY;
            if (!oneShot && containers.isRunning(id)) {
                pre = sample(id);
                sleep();
            }
            StatsView.Sample cur = sample(id);
            ex.sendJson(200, StatsView.json(r.name(), id, cur, cur.cgroup() == null ? StatsView.Sample.EMPTY : pre, hostMemory));
            return;
        }
        OutputStream out = ex.startChunked(200, "application/json", null);
        StatsView.Sample pre = StatsView.Sample.EMPTY;
        while (true) {
            String name;
            try {
                name = containers.get(id).name();
            } catch (BerthException e) {
                break; // removed
            }
            StatsView.Sample cur = sample(id);
            byte[] json = Json.bytes(StatsView.json(name, id, cur, pre, hostMemory));
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                return; // the client went away
            }
            pre = cur;
            if (!sleep()) break;
        }
        out.close();
    }

    private StatsView.Sample sample(String id) throws IOException {
        if (!containers.isRunning(id)) return StatsView.Sample.EMPTY;
        CgroupStats c;
        try {
            c = containers.stats(id);
        } catch (BerthException e) {
            return StatsView.Sample.EMPTY; // it stopped meanwhile
        }
        String procStat = Files.readString(Path.of("/proc/stat"));
        return new StatsView.Sample(Instant.now(), c, StatsView.systemCpuNanos(procStat), StatsView.onlineCpus(procStat));
    }

    private static boolean sleep() {
        try {
            Thread.sleep(INTERVAL_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
