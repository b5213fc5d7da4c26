package dev.berth.network.files;

import dev.berth.network.ipam.Ipv4;

import java.net.InetAddress;

/** Nameserver addresses, checked without touching DNS. */
final class NameServers {
    private NameServers() {
    }

    /** The address of an IPv4 or IPv6 literal, or null. */
    static InetAddress parse(String text) {
        return Ipv4.parseLiteral(text);
    }
}
