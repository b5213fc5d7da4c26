package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 literals as unsigned 32-bit values, parsed without ever touching DNS. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses a dotted-quad literal; anything else (names, IPv6, "1.2.3") is refused with {@code invalid IP address: X}. */
    public static Inet4Address parse(String text) {
        Inet4Address a = tryParse(text);
        if (a == null) {
            throw BerthException.invalid("invalid IP address: %s", text);
        }
        return a;
    }

    /** The address, or null if {@code text} is not a dotted-quad IPv4 literal. */
    public static Inet4Address tryParse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        return fromBytes(bytes);
    }

    /**
     * An IPv4 or IPv6 literal (IPv6 may carry a {@code %zone}), or null. Only text the JDK parses as a literal is
     * passed to it, so this never resolves a name.
     */
    public static InetAddress parseLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return tryParse(text);
        }
        int zone = text.indexOf('%');
        String addr = zone < 0 ? text : text.substring(0, zone);
        char first = addr.isEmpty() ? '?' : addr.charAt(0);
        if ((first != ':' && Character.digit(first, 16) < 0)
                || !addr.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
                || (zone >= 0 && !text.substring(zone + 1).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public static long toLong(Inet4Address address) {
        byte[] b = address.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    public static Inet4Address fromLong(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not an IPv4 value: " + value);
        }
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /** Dotted-quad text of an address. */
    public static String format(Inet4Address address) {
        return address.getHostAddress();
    }

    /** Requires an IPv4 address; IPv6 is refused with Berth's "not supported yet" error. */
    public static Inet4Address require(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return v4;
        }
        throw new BerthException(BerthException.Kind.UNSUPPORTED,
                "invalid address " + (address == null ? "null" : address.getHostAddress()) + ": IPv6 is not supported yet");
    }

    private static Inet4Address fromBytes(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }
}
