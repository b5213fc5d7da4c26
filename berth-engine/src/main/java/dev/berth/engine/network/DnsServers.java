package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.dns.EmbeddedDns;
import dev.berth.dns.NameLookup;
import dev.berth.netlink.Netns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Docker's embedded DNS: per container, a UDP and a TCP socket on 127.0.0.11:53 opened inside its
 * netns (a socket belongs to the netns it was made in), served from berthd. Forwarding to the
 * upstream resolvers happens from the daemon's netns, so a resolver on the host's loopback works.
 */
final class DnsServers implements AutoCloseable {
    static final String ADDRESS = "127.0.0.11";
    private final Map<String, EmbeddedDns> servers = new ConcurrentHashMap<>();

    void start(String containerId, Path netns, NameLookup names, Supplier<List<InetSocketAddress>> upstreams) {
        if (servers.containsKey(containerId)) return;
        record Channels(DatagramChannel udp, ServerSocketChannel tcp) {}
        Channels ch;
        try {
            ch = Netns.call(netns, () -> {
                InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ADDRESS), 53);
                DatagramChannel u = DatagramChannel.open(StandardProtocolFamily.INET);
                ServerSocketChannel t = ServerSocketChannel.open(StandardProtocolFamily.INET);
                try {
                    u.bind(at);
                    t.bind(at);
                } catch (IOException e) {
                    u.close();
                    t.close();
                    throw e;
                }
                return new Channels(u, t);
            });
        } catch (Exception e) {
            throw BerthException.internal("start the embedded DNS for " + containerId + " on " + ADDRESS + ":53: " + e.getMessage(), e);
        }
        servers.put(containerId, EmbeddedDns.serve(ch.udp(), ch.tcp(), names, upstreams));
    }

    boolean serving(String containerId) {
        return servers.containsKey(containerId);
    }

    void stop(String containerId) {
        EmbeddedDns d = servers.remove(containerId);
        if (d != null) d.close();
    }

    @Override
    public void close() {
        for (String id : List.copyOf(servers.keySet())) stop(id);
    }
}
