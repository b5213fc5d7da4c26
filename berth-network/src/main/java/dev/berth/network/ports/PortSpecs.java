package dev.berth.network.ports;

import dev.berth.common.BerthException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the Docker API's {@code HostConfig.PortBindings}, {@code PublishAllPorts} and {@code Config.ExposedPorts} into
 * the list of ports to publish. Keys are {@code "80/tcp"}, {@code "53/udp"}, {@code "80"} (tcp) or ranges
 * {@code "8000-8010/tcp"} (one request per port; a host range of the same length maps one-to-one). A single container
 * port with a host range gets any one port of that range. Empty host port: ephemeral; empty host IP: 0.0.0.0.
 */
public final class PortSpecs {
    /** One entry of a PortBindings list, as sent by the API ({@code HostIp}, {@code HostPort}); both may be empty. */
    public record Binding(String hostIp, String hostPort) {
        public static Binding ephemeral() {
            return new Binding("", "");
        }
    }

    private record Key(String proto, int low, int high) {
    }

    private PortSpecs() {
    }

    /** Requests sorted by container port then protocol, bindings in their given order, duplicates dropped. */
    public static List<PortRequest> requests(Map<String, List<Binding>> portBindings, boolean publishAll,
                                             Collection<String> exposedPorts) {
        Map<Key, List<Binding>> byKey = new TreeMap<>(
                Comparator.comparingInt(Key::low).thenComparingInt(Key::high).thenComparing(Key::proto));
        if (portBindings != null) {
            portBindings.forEach((k, v) -> byKey.computeIfAbsent(parseKey(k), x -> new ArrayList<>())
                    .addAll(v == null ? List.of() : v));
        }
        if (publishAll && exposedPorts != null) {
            for (String exposed : exposedPorts) {
                byKey.computeIfAbsent(parseKey(exposed), x -> new ArrayList<>());
            }
        }
        LinkedHashSet<PortRequest> out = new LinkedHashSet<>();
        byKey.forEach((key, bindings) -> {
            List<Binding> effective = bindings.isEmpty() && publishAll ? List.of(Binding.ephemeral()) : bindings;
            for (Binding b : effective) {
                out.addAll(expand(key, b == null ? Binding.ephemeral() : b));
            }
        });
        return List.copyOf(out);
    }

    private static List<PortRequest> expand(Key key, Binding b) {
        String hostPort = b.hostPort() == null ? "" : b.hostPort();
        int hostLow = 0;
        int hostHigh = 0;
        if (!hostPort.isEmpty()) {
            int[] r = parseRange(hostPort, 0);
            if (r == null) {
                throw BerthException.invalid("invalid hostPort: %s", hostPort);
            }
            hostLow = r[0];
            hostHigh = r[1];
            if (hostLow == 0 && hostHigh != 0) {
                throw BerthException.invalid("invalid hostPort: %s", hostPort);
            }
        }
        int count = key.high() - key.low() + 1;
        boolean hostRange = hostLow != 0 && hostHigh != hostLow;
        if (hostLow != 0 && count > 1 && hostHigh - hostLow + 1 != count) {
            throw BerthException.invalid("invalid ranges specified for container and host Ports: %s and %s",
                    rangeText(key.low(), key.high()), hostPort);
        }
        List<PortRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int container = key.low() + i;
            if (hostLow == 0) {
                out.add(new PortRequest(key.proto(), b.hostIp(), 0, 0, container));
            } else if (count == 1 && hostRange) {
                out.add(new PortRequest(key.proto(), b.hostIp(), hostLow, hostHigh, container));
            } else {
                out.add(new PortRequest(key.proto(), b.hostIp(), hostLow + i, hostLow + i, container));
            }
        }
        return out;
    }

    private static Key parseKey(String raw) {
        String text = raw == null ? "" : raw;
        int slash = text.indexOf('/');
        String port = slash < 0 ? text : text.substring(0, slash);
        String proto = slash < 0 ? "tcp" : text.substring(slash + 1);
        int[] r = parseRange(port, 1);
        if (r == null) {
            throw BerthException.invalid("invalid port specification: \"%s\"", port);
        }
        return new Key(Protocols.check(proto), r[0], r[1]);
    }

    /** {@code "a"} or {@code "a-b"} with min ≤ a ≤ b ≤ 65535, else null. */
    private static int[] parseRange(String text, int min) {
        int dash = text.indexOf('-');
        Integer low = number(dash < 0 ? text : text.substring(0, dash));
        Integer high = dash < 0 ? low : number(text.substring(dash + 1));
        if (low == null || high == null || low < min || high < low) {
            return null;
        }
        return new int[] {low, high};
    }

    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int v = Integer.parseInt(s);
        return v > 65535 ? null : v;
    }

    private static String rangeText(int low, int high) {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
