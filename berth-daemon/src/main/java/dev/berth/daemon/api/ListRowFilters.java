package dev.berth.daemon.api;

import dev.berth.common.BerthException;
import java.util.List;
import java.util.Map;

/**
 * The container list filters that look at what a list row shows (moby daemon/list.go): network,
 * volume, publish, expose, health. Applied to the row already built for the answer.
 */
final class ListRowFilters {
    private ListRowFilters() {}

    /** Port values are checked up front, as moby does: a bad one fails the list even with no containers. */
    static void validate(Filters f) {
        for (String key : List.of("publish", "expose")) for (String v : f.get(key)) PortRange.parse(key, v);
    }

    static boolean matches(Map<String, Object> row, Filters f, String health) {
        if (f.has("network") && f.get("network").stream().noneMatch(n -> onNetwork(row, n))) return false;
        if (f.has("volume") && f.get("volume").stream().noneMatch(v -> hasMount(row, v))) return false;
        if (f.has("health") && !f.get("health").contains(health)) return false;
        // moby keeps a row when any of its ports matches a publish value or an expose value (one or the other).
        if ((f.has("publish") || f.has("expose"))
                && f.get("publish").stream().noneMatch(p -> anyPort(row, "publish", p, "PublicPort"))
                && f.get("expose").stream().noneMatch(p -> anyPort(row, "expose", p, "PrivatePort"))) return false;
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean onNetwork(Map<String, Object> row, String ref) {
        Map<String, Object> settings = (Map<String, Object>) row.get("NetworkSettings");
        Map<String, Object> nets = (Map<String, Object>) settings.get("Networks");
        for (Map.Entry<String, Object> e : nets.entrySet()) {
            if (e.getKey().equals(ref)) return true;
            Object id = ((Map<String, Object>) e.getValue()).get("NetworkID");
            if (id instanceof String s && !s.isEmpty() && s.startsWith(ref)) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static boolean hasMount(Map<String, Object> row, String v) {
        for (Map<String, Object> m : (List<Map<String, Object>>) row.get("Mounts")) {
            if (v.equals(m.get("Name")) || v.equals(m.get("Source")) || v.equals(m.get("Destination"))) return true;
        }
        return false;
    }

    /** A port filter value: "80", "80/udp", "8000-8080/tcp" (tcp when no protocol is given). */
    record PortRange(int from, int to, String proto) {
        static PortRange parse(String key, String s) {
            int slash = s.indexOf('/');
            String proto = slash < 0 ? "tcp" : s.substring(slash + 1);
            String ports = slash < 0 ? s : s.substring(0, slash);
            int dash = ports.indexOf('-');
            int from = number(key, s, dash < 0 ? ports : ports.substring(0, dash));
            int to = dash < 0 ? from : number(key, s, ports.substring(dash + 1));
            if (to < from) throw BerthException.invalid("error while looking up for %s %s: Invalid range specified for the Port: %s", key, s, ports);
            return new PortRange(from, to, proto);
        }

        private static int number(String key, String whole, String n) {
            try {
                int v = Integer.parseInt(n);
                if (v < 0 || v > 65535) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                throw BerthException.invalid("error while looking up for %s %s: strconv.ParseUint: parsing \"%s\": invalid syntax", key, whole, n);
            }
        }

        boolean contains(int port, String p) {
            return port >= from && port <= to && proto.equals(p);
        }
    }

    /** Ports of the row (running containers: published, and exposed but unpublished): Docker's rule. */
    @SuppressWarnings("unchecked")
    private static boolean anyPort(Map<String, Object> row, String key, String filter, String field) {
        PortRange r = PortRange.parse(key, filter);
        for (Map<String, Object> p : (List<Map<String, Object>>) row.get("Ports")) {
            if (p.get(field) instanceof Number port && r.contains(port.intValue(), String.valueOf(p.get("Type")))) return true;
        }
        return false;
    }
}
