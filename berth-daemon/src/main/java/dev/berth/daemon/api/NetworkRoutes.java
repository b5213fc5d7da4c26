package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.HttpRequest;
import dev.berth.api.http.Router;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.model.EndpointSettings;
import dev.berth.engine.network.NetworkCreate;
import dev.berth.engine.network.NetworkRecord;
import dev.berth.engine.network.NetworkService;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /networks: list, inspect, create, remove, connect, disconnect, prune. */
public final class NetworkRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    private final NetworkService networks;
    private final ContainerService containers;

    public NetworkRoutes(NetworkService networks, ContainerService containers) {
        this.networks = networks;
        this.containers = containers;
    }

    public void register(Router r) {
        r.on("GET", "/networks", (req, ex, p) -> ex.sendJson(200, list(Filters.parse(req.query("filters"), LIST_FILTERS))));
        r.on("GET", "/networks/{id}", (req, ex, p) -> {
            NetworkRecord n = networks.inspect(p.get("id"));
            ex.sendJson(200, NetworkViews.network(n, networks.containersOn(n.id())));
        });
        r.on("POST", "/networks/create", (req, ex, p) -> {
            NetworkRecord n = networks.create(createRequest(body(req)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Id", n.id());
            out.put("Warning", "");
            ex.sendJson(201, out);
        });
        r.on("DELETE", "/networks/{id}", (req, ex, p) -> {
            networks.remove(p.get("id"));
            ex.send(204, null, new byte[0]);
        });
        r.on("POST", "/networks/{id}/connect", (req, ex, p) -> {
            JsonNode b = body(req);
            NetworkRecord n = networks.inspect(p.get("id"));
            ContainerRecord c = containers.get(b.path("Container").asText());
            EndpointSettings es = b.hasNonNull("EndpointConfig") ? Json.mapper().treeToValue(b.get("EndpointConfig"), EndpointSettings.class) : null;
            networks.sandboxes().connect(n.id(), c.id(), es, containers.starter().sandboxSpec(c));
            containers.events().publish("network", "connect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver()));
            ex.send(200, null, new byte[0]);
        });
        r.on("POST", "/networks/{id}/disconnect", (req, ex, p) -> {
            JsonNode b = body(req);
            NetworkRecord n = networks.inspect(p.get("id"));
            ContainerRecord c = containers.get(b.path("Container").asText());
            networks.sandboxes().disconnect(n.id(), c.id(), b.path("Force").asBoolean(false), containers.starter().sandboxSpec(c));
            containers.events().publish("network", "disconnect", n.id(), Map.of("container", c.id(), "name", n.name(), "type", n.driver()));
            ex.send(200, null, new byte[0]);
        });
        r.on("POST", "/networks/prune", (req, ex, p) -> {
            Filters f = Filters.parse(req.query("filters"), Set.of("until", "label", "label!"));
            List<String> gone = networks.prune(n -> pruneMatches(n, f));
            ex.sendJson(200, Map.of("NetworksDeleted", gone));
        });
    }

    private static JsonNode body(HttpRequest req) throws IOException {
        byte[] raw = req.body().readAllBytes();
        if (raw.length == 0) throw BerthException.invalid("request body is empty");
        try {
            return Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw BerthException.invalid("invalid JSON: %s", String.valueOf(e.getMessage()).split("\n")[0]);
        }
    }

    private static NetworkCreate createRequest(JsonNode b) {
        String subnet = null, gateway = null, range = null;
        JsonNode cfg = b.path("IPAM").path("Config");
        int v4 = 0;
        for (JsonNode c : cfg) {
            String s = c.path("Subnet").asText("");
            if (s.contains(":")) throw new BerthException(BerthException.Kind.UNSUPPORTED, "IPv6 networks are not supported by Berth yet");
            if (++v4 > 1) throw BerthException.invalid("Berth supports one IPv4 subnet per network");
            subnet = s;
            gateway = c.path("Gateway").asText("");
            range = c.path("IPRange").asText("");
        }
        String ipamDriver = b.path("IPAM").path("Driver").asText("");
        if (!ipamDriver.isEmpty() && !ipamDriver.equals("default"))
            throw BerthException.notFound("plugin \"%s\" not found", ipamDriver);
        return new NetworkCreate(b.path("Name").asText(""), b.path("Driver").asText(""), subnet, gateway, range,
                b.path("Internal").asBoolean(false), b.path("Attachable").asBoolean(false), b.path("EnableIPv6").asBoolean(false),
                strings(b.path("Labels")), strings(b.path("Options")));
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private List<Map<String, Object>> list(Filters f) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<NetworkRecord> all = new ArrayList<>(networks.list());
        all.sort(Comparator.comparing(NetworkRecord::name));
        for (NetworkRecord n : all) if (matches(n, f)) out.add(NetworkViews.network(n, networks.containersOn(n.id())));
        return out;
    }

    private boolean matches(NetworkRecord n, Filters f) {
        if (f.has("driver") && !f.get("driver").contains(n.driver())) return false;
        if (f.has("name") && f.get("name").stream().noneMatch(x -> n.name().contains(x))) return false;
        if (f.has("id") && f.get("id").stream().noneMatch(x -> n.id().contains(x))) return false;
        if (f.has("scope") && !f.get("scope").contains("local")) return false;
        if (f.has("type")) {
            for (String t : f.get("type"))
                if (!t.equals("custom") && !t.equals("builtin")) throw BerthException.invalid("invalid filter: 'type'='%s'", t);
            if (!f.get("type").contains(n.predefined() ? "builtin" : "custom")) return false;
        }
        if (f.has("label") && !labelsMatch(n.labels(), f.get("label"))) return false;
        if (f.has("dangling")) {
            boolean want = f.get("dangling").contains("true") || f.get("dangling").contains("1");
            boolean dangling = !n.predefined() && networks.containersOn(n.id()).isEmpty();
            if (want != dangling) return false;
        }
        return true;
    }

    private static boolean labelsMatch(Map<String, String> labels, List<String> wanted) {
        for (String w : wanted) {
            int eq = w.indexOf('=');
            if (eq < 0 ? !labels.containsKey(w) : !w.substring(eq + 1).equals(labels.get(w.substring(0, eq)))) return false;
        }
        return true;
    }

    private static boolean pruneMatches(NetworkRecord n, Filters f) {
        if (f.has("label") && !labelsMatch(n.labels(), f.get("label"))) return false;
        if (f.has("label!") && !f.get("label!").isEmpty() && labelsMatch(n.labels(), f.get("label!"))) return false;
        if (f.has("until")) {
            Instant until = Instant.ofEpochSecond(Long.parseLong(f.get("until").get(0).split("\\.")[0]));
            if (!Instant.parse(n.created()).isBefore(until)) return false;
        }
        return true;
    }
}
