package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.engine.model.PortBinding;
import dev.berth.network.ports.EphemeralRange;
import dev.berth.network.ports.PortAllocator;
import dev.berth.network.ports.PortMapping;
import dev.berth.network.ports.PortRequest;
import dev.berth.network.ports.PortSpecs;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Published ports: host ports picked by the allocator and held by a bound socket (bound, never
 * listening: the nftables DNAT sends the traffic on to the container before it could reach the
 * socket), so a host program cannot take the port and a busy port fails the start as Docker's does.
 */
final class PortPublisher {
    private static final Logger LOG = Logger.getLogger(PortPublisher.class.getName());
    private static final int EPHEMERAL_TRIES = 20;
    private final PortAllocator allocator = new PortAllocator(EphemeralRange.read(Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
    private final Map<String, List<Held>> held = new ConcurrentHashMap<>();

    private record Held(PortMapping mapping, Closeable socket) {}

    List<Published> publish(String containerId, SandboxSpec spec, String containerIp) {
        List<PortRequest> requests = PortSpecs.requests(bindings(spec.portBindings()), spec.publishAll(), spec.exposedPorts());
        if (requests.isEmpty()) return List.of();
        List<Held> mine = new ArrayList<>();
        List<Published> out = new ArrayList<>();
        try {
            for (PortRequest r : requests) {
                Held h = reserve(r);
                mine.add(h);
                PortMapping m = h.mapping();
                out.add(new Published(m.proto(), m.hostIp(), m.hostPort(), containerIp, m.containerPort()));
            }
        } catch (RuntimeException e) {
            for (Held h : mine) free(h);
            throw e;
        }
        held.put(containerId, mine);
        return out;
    }

    private static Map<String, List<PortSpecs.Binding>> bindings(Map<String, List<PortBinding>> given) {
        Map<String, List<PortSpecs.Binding>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<PortBinding>> e : given.entrySet()) {
            List<PortSpecs.Binding> l = new ArrayList<>();
            if (e.getValue() != null)
                for (PortBinding b : e.getValue())
                    l.add(new PortSpecs.Binding(b.hostIp() == null ? "" : b.hostIp(), b.hostPort() == null ? "" : b.hostPort()));
            out.put(e.getKey(), l);
        }
        return out;
    }

    /** Allocates and binds; an ephemeral port taken by a host program is skipped for another one. */
    private Held reserve(PortRequest r) {
        List<PortMapping> skipped = new ArrayList<>();
        try {
            for (int attempt = 0; ; attempt++) {
                PortMapping m = allocator.allocate(r);
                try {
                    return new Held(m, bind(m));
                } catch (RuntimeException e) {
                    // e.g. an IPv6 host address on these IPv4 sockets: refused, and the port is not kept
                    allocator.release(m);
                    throw BerthException.invalid("cannot publish on host address %s: %s", m.hostIp(),
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                } catch (IOException e) {
                    if (!String.valueOf(e.getMessage()).contains("in use")) {
                        allocator.release(m);
                        throw BerthException.invalid("failed to bind host port for %s:%d:%s/%s: %s", m.hostIp(), m.hostPort(),
                                Integer.toString(m.containerPort()), m.proto(), String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
                    }
                    if (!r.isFixed() && attempt < EPHEMERAL_TRIES) {
                        skipped.add(m); // a host program holds it: kept allocated until another port is found
                        continue;
                    }
                    allocator.release(m);
                    throw BerthException.conflict("failed to bind host port for %s:%d:%s/%s: address already in use",
                            m.hostIp(), m.hostPort(), Integer.toString(m.containerPort()), m.proto());
                }
            }
        } finally {
            for (PortMapping m : skipped) allocator.release(m);
        }
    }

    private static Closeable bind(PortMapping m) throws IOException {
        InetSocketAddress at = new InetSocketAddress(m.hostIp(), m.hostPort());
        if (m.proto().equals("udp")) {
            DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                d.bind(at);
            } catch (IOException | RuntimeException e) {
                d.close();
                throw e;
            }
            return d;
        }
        SocketChannel s = SocketChannel.open(StandardProtocolFamily.INET);
        try {
            s.bind(at);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Daemon restart: the ports of a running container are taken again. */
    void restore(String containerId, List<Published> ports) {
        List<Held> mine = new ArrayList<>();
        for (Published p : ports) {
            PortMapping m = new PortMapping(p.proto(), p.hostIp(), p.hostPort(), p.containerPort());
            allocator.restore(m);
            Closeable sock = null;
            try {
                sock = bind(m);
            } catch (IOException e) {
                LOG.warning("re-bind published port " + p.hostIp() + ":" + p.hostPort() + "/" + p.proto() + ": " + e.getMessage());
            }
            mine.add(new Held(m, sock));
        }
        held.put(containerId, mine);
    }

    void release(String containerId) {
        List<Held> mine = held.remove(containerId);
        if (mine != null) for (Held h : mine) free(h);
    }

    private void free(Held h) {
        try {
            if (h.socket() != null) h.socket().close();
        } catch (IOException ignored) {
            // closed
        }
        allocator.release(h.mapping());
    }

    /** Daemon exit: sockets close (the allocator goes with the process). */
    void closeAll() {
        for (List<Held> l : held.values())
            for (Held h : l) {
                try {
                    if (h.socket() != null) h.socket().close();
                } catch (IOException ignored) {
                    // closed
                }
            }
        held.clear();
    }
}
