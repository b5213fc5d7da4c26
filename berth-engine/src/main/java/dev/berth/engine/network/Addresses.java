package dev.berth.engine.network;

import dev.berth.common.BerthException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 literals only (never a DNS lookup). */
final class Addresses {
    private Addresses() {}

    static InetAddress parse(String ip) {
        if (ip == null || !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) throw BerthException.invalid("invalid IPv4 address: %s", ip);
        try {
            InetAddress a = InetAddress.getByName(ip);
            if (!(a instanceof Inet4Address)) throw BerthException.invalid("invalid IPv4 address: %s", ip);
            return a;
        } catch (UnknownHostException e) {
            throw BerthException.invalid("invalid IPv4 address: %s", ip);
        }
    }
}
