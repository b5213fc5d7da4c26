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
                           List<String> defaultUlimits, String cgroupParent, boolean liveRestore, NetworkFlags network) {
    private static final Set<String> KEYS = Set.of("hosts", "data-root", "exec-root", "pidfile", "log-level",
            "default-ulimits", "cgroup-parent", "live-restore", "bridge", "bip", "default-address-pools", "iptables", "icc", "mtu",
            "dns", "dns-search", "dns-opts", "nft-table");

    public DaemonConfig(List<String> hosts, Path dataRoot, Path execRoot, Path pidFile, String logLevel, List<String> defaultUlimits,
                        String cgroupParent, boolean liveRestore) {
        this(hosts, dataRoot, execRoot, pidFile, logLevel, defaultUlimits, cgroupParent, liveRestore, NetworkFlags.DEFAULTS);
    }

    public DaemonConfig withNetwork(NetworkFlags n) {
        return new DaemonConfig(hosts, dataRoot, execRoot, pidFile, logLevel, defaultUlimits, cgroupParent, liveRestore, n);
    }
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
        return new DaemonConfig(List.copyOf(hosts), dataRoot, execRoot, pid, level, List.copyOf(ulimits), parent, live, network(o, file));
    }

    private static NetworkFlags network(DaemonOptions o, JsonNode file) {
        String bridge = text(o.bridge, file, "bridge");
        String bip = text(o.bip, file, "bip");
        String table = text(o.nftTable, file, "nft-table");
        List<String> pools = new ArrayList<>(o.defaultAddressPools);
        if (file != null && file.has("default-address-pools")) {
            if (!pools.isEmpty()) conflict("default-address-pools");
            file.get("default-address-pools").forEach(p -> pools.add(p.path("base").asText() + ":" + p.path("size").asInt()));
        }
        boolean iptables = bool(o.iptables, file, "iptables", true);
        boolean icc = bool(o.icc, file, "icc", true);
        int mtu = o.mtu != null ? o.mtu : file != null && file.has("mtu") ? file.get("mtu").asInt() : 0;
        return new NetworkFlags(bridge, bip, pools, iptables, icc, mtu, list(o.dns, file, "dns"), list(o.dnsSearch, file, "dns-search"),
                list(o.dnsOpts, file, "dns-opts"), table);
    }

    private static String text(String flag, JsonNode file, String key) {
        if (flag != null) {
            if (file != null && file.has(key)) conflict(key);
            return flag;
        }
        return file != null && file.has(key) ? file.get(key).asText() : null;
    }

    private static boolean bool(Boolean flag, JsonNode file, String key, boolean dflt) {
        if (flag != null) {
            if (file != null && file.has(key)) conflict(key);
            return flag;
        }
        return file != null && file.has(key) ? file.get(key).asBoolean() : dflt;
    }

    private static List<String> list(List<String> flag, JsonNode file, String key) {
        List<String> out = new ArrayList<>(flag);
        if (file != null && file.has(key)) {
            if (!out.isEmpty()) conflict(key);
            file.get(key).forEach(v -> out.add(v.asText()));
        }
        return out;
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
