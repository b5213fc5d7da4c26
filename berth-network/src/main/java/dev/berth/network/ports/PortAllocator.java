package dev.berth.network.ports;

import dev.berth.common.BerthException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which host ports are published, per protocol and host address. A wildcard address (0.0.0.0, ::) conflicts with
 * every address on the same port and vice versa. A fixed port that is taken fails with Docker's
 * {@code Bind for IP:PORT failed: port is already allocated}; ephemeral and range requests take the next free port
 * after the last one handed out for the same (protocol, address, range), wrapping, like Docker's allocator, and fail
 * with {@code all ports are allocated} when none is free. After a daemon restart, {@link #restore} re-registers the
 * ports of running containers. Thread-safe.
 */
public final class PortAllocator {
    private record Taken(String proto, int port) {
    }

    private final EphemeralRange ephemeral;
    /** (proto, port) → host addresses holding it. */
    private final Map<Taken, Set<String>> taken = new HashMap<>();
    /** "proto ip low-high" → last port handed out from that range. */
    private final Map<String, Integer> cursors = new HashMap<>();

    public PortAllocator(EphemeralRange ephemeral) {
        if (ephemeral == null) {
            throw BerthException.invalid("port allocator needs an ephemeral range");
        }
        this.ephemeral = ephemeral;
    }

    public EphemeralRange ephemeralRange() {
        return ephemeral;
    }

    /** {@code port} 0 = any ephemeral port; otherwise exactly that port. Returns the port taken. */
    public synchronized int allocate(String proto, String hostIp, int port) {
        return port == 0 ? allocate(proto, hostIp, 0, 0) : allocate(proto, hostIp, port, port);
    }

    /** Any free port of {@code low..high} (0..0 = the ephemeral range; low == high = exactly that port). */
    public synchronized int allocate(String proto, String hostIp, int low, int high) {
        String p = Protocols.check(proto);
        String ip = HostIps.normalise(hostIp);
        if (low == 0 && high == 0) {
            low = ephemeral.begin();
            high = ephemeral.end();
        } else if (low < 1 || high > 65535 || high < low) {
            throw BerthException.invalid("invalid port range: %d-%d", low, high);
        }
        if (low == high) {
            if (conflicts(p, ip, low)) {
                throw BerthException.conflict("Bind for %s:%d failed: port is already allocated", ip, low);
            }
            take(p, ip, low);
            return low;
        }
        String cursorKey = p + " " + ip + " " + low + "-" + high;
        int last = cursors.getOrDefault(cursorKey, high);
        int span = high - low + 1;
        for (int step = 1; step <= span; step++) {
            int candidate = low + Math.floorMod(last - low + step, span);
            if (!conflicts(p, ip, candidate)) {
                take(p, ip, candidate);
                cursors.put(cursorKey, candidate);
                return candidate;
            }
        }
        throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, "all ports are allocated");
    }

    /** Picks the host port for {@code request}. */
    public synchronized PortMapping allocate(PortRequest request) {
        int port = allocate(request.proto(), request.hostIp(), request.hostPortLow(), request.hostPortHigh());
        return new PortMapping(request.proto(), request.hostIp(), port, request.containerPort());
    }

    /** Re-registers a mapping that was in effect before a daemon restart; a clash fails as {@link #allocate} does. */
    public synchronized void restore(PortMapping mapping) {
        allocate(mapping.proto(), mapping.hostIp(), mapping.hostPort(), mapping.hostPort());
    }

    /** Frees a port; releasing a port that is not held is a no-op. */
    public synchronized void release(String proto, String hostIp, int port) {
        Taken key = new Taken(Protocols.check(proto), port);
        Set<String> ips = taken.get(key);
        if (ips != null) {
            ips.remove(HostIps.normalise(hostIp));
            if (ips.isEmpty()) {
                taken.remove(key);
            }
        }
    }

    public synchronized void release(PortMapping mapping) {
        release(mapping.proto(), mapping.hostIp(), mapping.hostPort());
    }

    /** True if {@code hostIp:port} is held exactly (not merely blocked by a wildcard). */
    public synchronized boolean isAllocated(String proto, String hostIp, int port) {
        Set<String> ips = taken.get(new Taken(Protocols.check(proto), port));
        return ips != null && ips.contains(HostIps.normalise(hostIp));
    }

    private boolean conflicts(String proto, String ip, int port) {
        Set<String> ips = taken.get(new Taken(proto, port));
        if (ips == null || ips.isEmpty()) {
            return false;
        }
        return HostIps.isAny(ip) || ips.contains(ip) || ips.stream().anyMatch(HostIps::isAny);
    }

    private void take(String proto, String ip, int port) {
        taken.computeIfAbsent(new Taken(proto, port), k -> new HashSet<>()).add(ip);
    }
}
