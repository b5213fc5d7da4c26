package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 CIDR block, always held in normalised form (host bits cleared): {@code 10.1.2.3/24} is
 * {@code 10.1.2.0/24}. Use {@link #parseStrict} where Docker refuses a non-normalised subnet (network create).
 */
public record Subnet(Inet4Address network, int prefix) {
    public Subnet {
        if (network == null) {
            throw BerthException.invalid("invalid subnet: no address");
        }
        if (prefix < 0 || prefix > 32) {
            throw BerthException.invalid("invalid CIDR address: %s/%d", network.getHostAddress(), prefix);
        }
        network = Ipv4.fromLong(Ipv4.toLong(network) & mask(prefix));
    }

    /** Parses {@code a.b.c.d/n}; Docker's error {@code invalid CIDR address: X} for anything else. */
    public static Subnet parse(String cidr) {
        if (cidr != null && cidr.indexOf(':') >= 0) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "invalid subnet " + cidr + ": IPv6 is not supported yet");
        }
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw BerthException.invalid("invalid CIDR address: %s", cidr);
        }
        Inet4Address address = Ipv4.tryParse(cidr.substring(0, slash));
        String bits = cidr.substring(slash + 1);
        if (address == null || bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.charAt(0) == '0') || Integer.parseInt(bits) > 32) {
            throw BerthException.invalid("invalid CIDR address: %s", cidr);
        }
        return new Subnet(address, Integer.parseInt(bits));
    }

    /** As {@link #parse} but refuses host bits like Docker's network create: {@code invalid subnet X: it should be Y}. */
    public static Subnet parseStrict(String cidr) {
        Subnet s = parse(cidr);
        String given = cidr.substring(0, cidr.indexOf('/'));
        if (!Ipv4.parse(given).equals(s.network)) {
            throw BerthException.invalid("invalid subnet %s: it should be %s", cidr, s);
        }
        return s;
    }

    public static Subnet of(String address, int prefix) {
        return new Subnet(Ipv4.parse(address), prefix);
    }

    /** Number of addresses in the block, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    /** Addresses usable by hosts: all but network and broadcast, except for /31 and /32 which have none reserved. */
    public long hostCount() {
        return prefix >= 31 ? size() : size() - 2;
    }

    public Inet4Address broadcast() {
        return addressAt(size() - 1);
    }

    /** The address {@code index} places after the network address (0 = network address). */
    public Inet4Address addressAt(long index) {
        if (index < 0 || index >= size()) {
            throw BerthException.invalid("index %d is outside subnet %s (%d addresses)", index, this, size());
        }
        return Ipv4.fromLong(first() + index);
    }

    /** Position of {@code address} in this block; the address must be {@link #contains contained}. */
    public long indexOf(Inet4Address address) {
        if (!contains(address)) {
            throw BerthException.invalid("address %s is outside subnet %s", address.getHostAddress(), this);
        }
        return Ipv4.toLong(address) - first();
    }

    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address v4 && (Ipv4.toLong(v4) & mask(prefix)) == first();
    }

    /** True if every address of {@code other} is in this block. */
    public boolean contains(Subnet other) {
        return other.prefix >= prefix && contains(other.network);
    }

    /** True if the two blocks share at least one address (one then contains the other). */
    public boolean overlaps(Subnet other) {
        return contains(other.network) || other.contains(network);
    }

    long first() {
        return Ipv4.toLong(network);
    }

    long last() {
        return first() + size() - 1;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
