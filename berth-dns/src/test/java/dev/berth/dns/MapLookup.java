package dev.berth.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A NameLookup over fixed maps that records the keys it was asked for. */
final class MapLookup implements NameLookup {

    final Map<String, List<InetAddress>> forward = new ConcurrentHashMap<>();
    final Map<InetAddress, String> backward = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();

    MapLookup add(String name, String... addresses) {
        List<InetAddress> list = new java.util.ArrayList<>();
        for (String address : addresses) {
            InetAddress ip = ip(address);
            list.add(ip);
            backward.putIfAbsent(ip, name);
        }
        forward.put(name, List.copyOf(list));
        return this;
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public List<InetAddress> lookup(String name) {
        asked.add(name);
        return forward.getOrDefault(name, List.of());
    }

    @Override
    public String reverse(InetAddress addr) {
        return backward.get(addr);
    }
}
