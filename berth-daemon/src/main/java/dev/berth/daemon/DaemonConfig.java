package dev.berth.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The daemon's settings: flags first, then daemon.json keys (as dockerd: a key set in both places
 * is an error), then defaults.
 */
public record DaemonConfig(List<String> hosts, Path dataRoot, Path execRoot, Path pidFile, String logLevel,
                           List<String> defaultUlimits, String cgroupParent, boolean liveRestore) {
    private static final Set<String> KEYS = Set.of("hosts", "data-root", "exec-root", "pidfile", "log-level",
            "default-ulimits", "cgroup-parent", "live-restore");
    static final Path DEFAULT_CONFIG = Path.of("/etc/berth/daemon.json");

    static DaemonConfig from(DaemonOptions o) {
        JsonNode file = null;
        Path cfg = o.configFile != null ? o.configFile : DEFAULT_CONFIG;
        if (Files.exists(cfg)) {
            try {
                file = Json.mapper().readTree(Files.readAllBytes(cfg));
            } catch (IOException e) {
                throw BerthException.invalid("unable to configure the daemon with file %s: %s", cfg, e.getMessage());
            }
            var it = file.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (!KEYS.contains(k)) throw BerthException.invalid("the following directives don't match any configuration option: %s", k);
            }
        } else if (o.configFile != null) {
            throw BerthException.notFound("unable to configure the daemon with file %s: no such file", cfg);
        }
        List<String> hosts = new ArrayList<>(o.hosts);
        if (file != null && file.has("hosts")) {
            if (!hosts.isEmpty()) conflict("hosts");
            file.get("hosts").forEach(h -> hosts.add(h.asText()));
        }
        if (hosts.isEmpty()) hosts.add("unix:///run/berth/berth.sock");
        Path dataRoot = pick(o.dataRoot, file, "data-root", "/var/lib/berth");
        Path execRoot = pick(o.execRoot, file, "exec-root", "/run/berth");
        Path pid = o.pidFile != null ? o.pidFile : file != null && file.has("pidfile") ? Path.of(file.get("pidfile").asText()) : execRoot.resolve("berthd.pid");
        String level = o.logLevel != null ? o.logLevel : file != null && file.has("log-level") ? file.get("log-level").asText() : "info";
        List<String> ulimits = new ArrayList<>(o.defaultUlimits);
        if (file != null && file.has("default-ulimits")) {
            file.get("default-ulimits").fields().forEachRemaining(e -> ulimits.add(e.getKey() + "=" + e.getValue().path("Soft").asLong()
                    + ":" + e.getValue().path("Hard").asLong()));
        }
        String parent = o.cgroupParent != null ? o.cgroupParent : file != null && file.has("cgroup-parent") ? file.get("cgroup-parent").asText() : "berth";
        boolean live = o.liveRestore != null ? o.liveRestore : file == null || !file.has("live-restore") || file.get("live-restore").asBoolean();
        return new DaemonConfig(List.copyOf(hosts), dataRoot, execRoot, pid, level, List.copyOf(ulimits), parent, live);
    }

    private static Path pick(Path flag, JsonNode file, String key, String dflt) {
        if (flag != null) {
            if (file != null && file.has(key)) conflict(key);
            return flag;
        }
        return Path.of(file != null && file.has(key) ? file.get(key).asText() : dflt);
    }

    private static void conflict(String key) {
        throw BerthException.invalid("the following directives are specified both as a flag and in the configuration file: %s", key);
    }
}
