package dev.berth.engine.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** One engine event: its object type (container, image...), action, actor and when (ns since the epoch). */
public record Event(String type, String action, String actorId, Map<String, String> attributes, long timeNano) {
    public Event {
        if (type == null || action == null) throw new IllegalArgumentException("event needs a type and an action");
        actorId = actorId == null ? "" : actorId;
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
    }

    /** Docker's JSON shape; container events also carry the old status/id/from fields. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (type.equals("container")) {
            m.put("status", action);
            m.put("id", actorId);
            m.put("from", attributes.getOrDefault("image", ""));
        }
        m.put("Type", type);
        m.put("Action", action);
        m.put("Actor", Map.of("ID", actorId, "Attributes", new java.util.TreeMap<>(attributes)));
        m.put("scope", "local");
        m.put("time", timeNano / 1_000_000_000L);
        m.put("timeNano", timeNano);
        return m;
    }
}
