package dev.berth.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters query parameter: the Go CLIs send a map of maps to true ({"status":{"exited":true}}),
 * docker-py a map of lists ({"label":["a=b"]}); both are accepted.
 */
record Filters(Map<String, List<String>> values) {
    static Filters parse(String json, Set<String> allowed) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) return new Filters(out);
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw BerthException.internal("invalid filter: " + e.getMessage(), e);
        }
        var it = n.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!allowed.contains(e.getKey())) throw BerthException.invalid("Invalid filter '%s'", e.getKey());
            List<String> vals = new ArrayList<>();
            if (e.getValue().isArray()) e.getValue().forEach(v -> vals.add(v.asText()));
            else e.getValue().fieldNames().forEachRemaining(vals::add);
            out.put(e.getKey(), vals);
        }
        return new Filters(out);
    }

    List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    boolean has(String key) {
        return values.containsKey(key);
    }
}
