package dev.berth.engine.events;

import dev.berth.common.BerthException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The filters of GET /events: type, container, image, event, label (values of one key are OR'ed). */
public record EventFilter(Map<String, List<String>> values) {
    public static final Set<String> KEYS = Set.of("type", "container", "image", "event", "label", "scope", "daemon", "network",
            "volume", "plugin", "node", "service", "secret", "config");

    public EventFilter {
        values = Map.copyOf(values);
        for (String k : values.keySet()) if (!KEYS.contains(k)) throw BerthException.invalid("Invalid filter '%s'", k);
    }

    public boolean matches(Event e) {
        Map<String, String> a = e.attributes();
        if (!any("type", v -> v.equals(e.type()))) return false;
        if (!any("event", v -> v.equals(e.action()) || e.action().startsWith(v + ":"))) return false;
        if (!any("scope", v -> v.equals("local"))) return false;
        if (values.containsKey("container")
                && (!e.type().equals("container") || !any("container", v -> idMatches(e.actorId(), v) || v.equals(a.get("name")))))
            return false;
        if (values.containsKey("image") && !any("image", v -> imageMatches(e, v))) return false;
        if (values.containsKey("label")) {
            for (String l : values.get("label")) {
                int eq = l.indexOf('=');
                if (eq < 0 ? !a.containsKey(l) : !l.substring(eq + 1).equals(a.get(l.substring(0, eq)))) return false;
            }
        }
        return true;
    }

    private static boolean idMatches(String id, String v) {
        return !v.isEmpty() && id.startsWith(v);
    }

    private static boolean imageMatches(Event e, String v) {
        String image = e.type().equals("image") ? e.actorId() : e.attributes().getOrDefault("image", "");
        String bare = v.contains(":") ? v : v + ":latest";
        return image.equals(v) || image.equals(bare) || idMatches(image.replaceFirst("^sha256:", ""), v.replaceFirst("^sha256:", ""))
                || v.equals(e.attributes().get("name")) && e.type().equals("image");
    }

    private boolean any(String key, java.util.function.Predicate<String> p) {
        List<String> vs = values.get(key);
        return vs == null || vs.stream().anyMatch(p);
    }
}
