package dev.berth.network.ports;

import dev.berth.common.BerthException;
import dev.berth.network.ipam.Ipv4;

import java.net.InetAddress;
import java.util.Locale;

/** Host addresses ports are published on, in one canonical text form so they compare reliably. */
final class HostIps {
    static final String ANY_V4 = "0.0.0.0";
    static final String ANY_V6 = "::";

    private HostIps() {
    }

    /** "" or null → 0.0.0.0; [v6] → v6; checks the literal: Docker's {@code invalid IP address: X} otherwise. */
    static String normalise(String ip) {
        if (ip == null || ip.isEmpty()) {
            return ANY_V4;
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (s.indexOf(':') < 0) {
            return Ipv4.parse(s).getHostAddress();
        }
        InetAddress a = s.indexOf('%') >= 0 ? null : Ipv4.parseLiteral(s);
        if (a == null) {
            throw BerthException.invalid("invalid IP address: %s", ip);
        }
        String text = a.getHostAddress().toLowerCase(Locale.ROOT);
        return text.equals("0:0:0:0:0:0:0:0") ? ANY_V6 : text;
    }

    static boolean isAny(String normalised) {
        return ANY_V4.equals(normalised) || ANY_V6.equals(normalised);
    }
}
