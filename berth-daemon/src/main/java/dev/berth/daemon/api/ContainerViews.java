package dev.berth.daemon.api;

import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's JSON shapes of a container: inspect (GET /containers/{id}/json) and list rows. */
final class ContainerViews {
    private ContainerViews() {}

    /** health: State.Health, for a container with a health check. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> inspect(ContainerRecord r, dev.berth.engine.health.HealthState health,
                                       dev.berth.engine.network.Sandboxes net) {
        Map<String, Object> m = inspectWithoutHealth(r, net);
        if (health != null) ((Map<String, Object>) m.get("State")).put("Health", health.toJson());
        return m;
    }

    private static Map<String, Object> inspectWithoutHealth(ContainerRecord r, dev.berth.engine.network.Sandboxes net) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Created", r.created());
        m.put("Path", r.path());
        m.put("Args", r.args());
        m.put("State", state(r.state()));
        m.put("Image", r.imageId());
        m.put("ResolvConfPath", r.resolvConfPath());
        m.put("HostnamePath", r.hostnamePath());
        m.put("HostsPath", r.hostsPath());
        m.put("LogPath", r.logPath());
        m.put("Name", r.name());
        m.put("RestartCount", r.restartCount());
        m.put("Driver", "overlay2");
        m.put("Platform", "linux");
        m.put("MountLabel", "");
        m.put("ProcessLabel", "");
        m.put("AppArmorProfile", "");
        m.put("ExecIDs", null);
        m.put("HostConfig", r.hostConfig());
        m.put("GraphDriver", Map.of("Name", "overlay2", "Data", Map.of("MergedDir", r.rootfsPath())));
        m.put("Mounts", mounts(r));
        m.put("Config", r.config());
        m.put("NetworkSettings", NetworkViews.settings(r, net));
        return m;
    }

    private static Map<String, Object> state(ContainerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", s.status());
        m.put("Running", s.running());
        m.put("Paused", s.paused());
        m.put("Restarting", s.restarting());
        m.put("OOMKilled", s.oomKilled());
        m.put("Dead", s.dead());
        m.put("Pid", s.pid());
        m.put("ExitCode", s.exitCode());
        m.put("Error", s.error());
        m.put("StartedAt", s.startedAt());
        m.put("FinishedAt", s.finishedAt());
        return m;
    }

    static Map<String, Object> listRow(ContainerRecord r, String imageName, dev.berth.engine.network.Sandboxes net) {
        return listRow(r, imageName, null, net);
    }

    static Map<String, Object> listRow(ContainerRecord r, String imageName, dev.berth.engine.health.HealthState health,
                                       dev.berth.engine.network.Sandboxes net) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Names", List.of(r.name()));
        m.put("Image", imageName);
        m.put("ImageID", r.imageId());
        m.put("Command", command(r));
        m.put("Created", Instant.parse(r.created()).getEpochSecond());
        m.put("Ports", NetworkViews.listPorts(r, net));
        m.put("Labels", r.config() == null || r.config().labels() == null ? Map.of() : r.config().labels());
        m.put("State", r.state().status());
        m.put("Status", status(r.state()) + (health != null && r.state().status().equals("running") ? " (" + health.status()
                .replace("starting", "health: starting") + ")" : ""));
        m.put("HostConfig", Map.of("NetworkMode", r.hostConfig() == null || r.hostConfig().networkMode() == null ? "default" : r.hostConfig().networkMode()));
        m.put("NetworkSettings", Map.of("Networks", net == null ? Map.of()
                : NetworkViews.networks(net.endpoints(r.id()), net.modeOf(r.id()))));
        m.put("Mounts", mounts(r));
        return m;
    }

    /** Docker's MountPoint JSON, in the order the mounts were given. */
    static List<Map<String, Object>> mounts(ContainerRecord r) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (dev.berth.engine.spec.MountPoints.MountPoint p : dev.berth.engine.spec.MountPoints.of(r.hostConfig())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Type", p.type());
            if (p.type().equals("volume")) m.put("Name", p.name());
            m.put("Source", p.source());
            m.put("Destination", p.destination());
            if (p.type().equals("volume")) m.put("Driver", "local");
            m.put("Mode", p.mode());
            m.put("RW", p.rw());
            m.put("Propagation", p.propagation());
            out.add(m);
        }
        return out;
    }

    static String command(ContainerRecord r) {
        StringBuilder sb = new StringBuilder(r.path() == null ? "" : r.path());
        for (String a : r.args()) sb.append(' ').append(a);
        return sb.toString();
    }

    static String status(ContainerState s) {
        Instant now = Instant.now();
        return switch (s.status()) {
            case "running" -> "Up " + HumanDuration.of(Duration.between(Instant.parse(s.startedAt()), now));
            case "paused" -> "Up " + HumanDuration.of(Duration.between(Instant.parse(s.startedAt()), now)) + " (Paused)";
            case "restarting" -> "Restarting (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(Instant.parse(s.finishedAt()), now)) + " ago";
            case "removing" -> "Removal In Progress";
            case "dead" -> "Dead";
            case "exited" -> s.finishedAt().equals(ContainerState.ZERO_TIME) ? "Exited (" + s.exitCode() + ")"
                    : "Exited (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(Instant.parse(s.finishedAt()), now)) + " ago";
            default -> "Created";
        };
    }
}
