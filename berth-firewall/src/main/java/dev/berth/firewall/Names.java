package dev.berth.firewall;

import dev.berth.common.BerthException;

import java.util.regex.Pattern;

/** Checks for the names and addresses that end up inside an nft script, so nothing can inject syntax. */
final class Names {
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    private Names() {}

    static String table(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw BerthException.invalid("invalid nftables table name %s: want letters, digits and '_', at most 32", quoted(table));
        }
        return table;
    }

    static String bridge(String what, String name) {
        if (name == null || !IFNAME.matcher(name).matches()) {
            throw BerthException.invalid("invalid %s interface name %s: want 1-15 of [A-Za-z0-9_.-]", what, quoted(name));
        }
        return name;
    }

    /** Parses a dotted-quad IPv4 address into an int, or throws INVALID_ARGUMENT naming {@code what}. */
    static int ipv4(String what, String text) {
        if (text == null) throw BerthException.invalid("%s: missing IPv4 address", what);
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) throw BerthException.invalid("%s: invalid IPv4 address %s", what, quoted(text));
        int value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || (p.length() > 1 && p.charAt(0) == '0')) {
                throw BerthException.invalid("%s: invalid IPv4 address %s", what, quoted(text));
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) throw BerthException.invalid("%s: invalid IPv4 address %s", what, quoted(text));
            value = (value << 8) | octet;
        }
        return value;
    }

    /** Checks an IPv4 CIDR whose host bits are zero, e.g. {@code 172.17.0.0/16}. */
    static String subnet(String what, String cidr) {
        if (cidr == null) throw BerthException.invalid("%s: missing subnet", what);
        int slash = cidr.indexOf('/');
        if (slash < 0) throw BerthException.invalid("%s: subnet %s is not in CIDR form (want e.g. 172.17.0.0/16)", what, quoted(cidr));
        int addr = ipv4(what, cidr.substring(0, slash));
        String len = cidr.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit) || Integer.parseInt(len) > 32) {
            throw BerthException.invalid("%s: invalid prefix length in subnet %s", what, quoted(cidr));
        }
        int prefix = Integer.parseInt(len);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        if ((addr & ~mask) != 0) {
            throw BerthException.invalid("%s: subnet %s has host bits set (want %s/%d)", what, quoted(cidr), format(addr & mask), prefix);
        }
        return cidr;
    }

    static int port(String what, int port) {
        if (port < 1 || port > 65535) throw BerthException.invalid("%s: invalid port %d (want 1-65535)", what, port);
        return port;
    }

    static String format(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255);
    }

    static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
