package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.network.ipam.AddressSpace;
import dev.berth.network.ipam.IpamConfig;
import dev.berth.network.ipam.Subnet;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The networks berthd knows, with one address space each, looked up as Docker does: full id,
 * then exact name, then a unique id prefix. Thread-safe; mutations are persisted by the caller.
 */
final class NetworkRegistry {
    private final Map<String, NetworkRecord> byId = new LinkedHashMap<>();
    private final Map<String, AddressSpace> spaces = new HashMap<>();
    /**
     * Plugging endpoints in (read) against removing a network (write): a network rm must not slip
     * between a start's check that the network exists and its endpoint becoming visible.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock topology = new java.util.concurrent.locks.ReentrantReadWriteLock();

    java.util.concurrent.locks.Lock plugging() {
        return topology.readLock();
    }

    java.util.concurrent.locks.Lock removing() {
        return topology.writeLock();
    }

    synchronized void put(NetworkRecord n) {
        byId.put(n.id(), n);
        if (n.subnet() != null && !spaces.containsKey(n.id())) spaces.put(n.id(), space(n));
    }

    private static AddressSpace space(NetworkRecord n) {
        return AddressSpace.create(n.name(), n.id(), IpamConfig.parse(n.subnet(), n.ipRange(), n.gateway()));
    }

    synchronized void remove(String id) {
        byId.remove(id);
        spaces.remove(id);
    }

    synchronized List<NetworkRecord> all() {
        return List.copyOf(byId.values());
    }

    synchronized NetworkRecord byId(String id) {
        return byId.get(id);
    }

    synchronized NetworkRecord byName(String name) {
        for (NetworkRecord n : byId.values()) if (n.name().equals(name)) return n;
        return null;
    }

    /** Docker's lookup: full id, exact name, unique id prefix; 404 "network X not found". */
    synchronized NetworkRecord find(String ref) {
        if (ref == null || ref.isEmpty()) throw BerthException.notFound("network %s not found", ref);
        NetworkRecord n = byId.get(ref);
        if (n != null) return n;
        n = byName(ref);
        if (n != null) return n;
        List<NetworkRecord> hits = new ArrayList<>();
        for (NetworkRecord x : byId.values()) if (x.id().startsWith(ref)) hits.add(x);
        if (hits.size() == 1) return hits.get(0);
        if (hits.size() > 1) throw BerthException.invalid("network %s is ambiguous (%d matches found based on ID prefix)", ref, hits.size());
        throw BerthException.notFound("network %s not found", ref);
    }

    synchronized Collection<Subnet> subnets() {
        List<Subnet> out = new ArrayList<>();
        for (NetworkRecord n : byId.values()) if (n.subnet() != null) out.add(Subnet.parse(n.subnet()));
        return out;
    }

    synchronized InetAddress allocate(String networkId, InetAddress wanted) {
        AddressSpace s = spaces.get(networkId);
        NetworkRecord n = byId.get(networkId);
        if (s == null || n == null) throw BerthException.notFound("network %s not found", networkId);
        return wanted == null ? s.allocate() : s.allocate(wanted);
    }

    synchronized void release(String networkId, InetAddress ip) {
        AddressSpace s = spaces.get(networkId);
        if (s != null) s.release(ip);
    }
}
