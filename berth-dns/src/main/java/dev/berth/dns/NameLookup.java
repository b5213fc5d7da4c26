package dev.berth.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * The container names one embedded DNS server answers for.
 *
 * <p>The caller resolves in the context of the asking container's networks (container names, short IDs, aliases).
 * Both methods are called on the query-serving threads, so they must be fast, thread-safe and must not block on I/O.
 *
 * <p>Example: a container on network {@code app} asks {@code db}; {@code lookup("db")} returns
 * {@code [172.18.0.3]}; a query for {@code example.com} gets {@code lookup("example.com") == []} and is forwarded.
 */
public interface NameLookup {

    /**
     * The addresses of a container name.
     *
     * @param name lowercased, without the trailing dot ({@code "db"}, {@code "db.app"})
     * @return IPv4 and/or IPv6 addresses; empty when the name is not a container name (the query is then forwarded)
     */
    List<InetAddress> lookup(String name);

    /**
     * The name for a container address (PTR).
     *
     * @return the name without the trailing dot, or null when the address is not a container's
     */
    String reverse(InetAddress addr);
}
