package dev.berth.cli.docker.network;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Go's net.ParseCIDR, net.ParseIP and IPNet.Contains, as far as docker's IPAM flag checks use
 * them: literals only (never a name lookup), addresses kept in Go's 16-byte form so that IPv4 and
 * IPv4-mapped IPv6 addresses compare the way Go compares them.
 */
public final class Cidr {
    private final byte[] network;
    private final byte[] mask;

    private Cidr(byte[] network, byte[] mask) {
        this.network = network;
        this.mask = mask;
    }

    /** net.ParseCIDR: "invalid CIDR address: s" on any fault. */
    public static Cidr parse(String s) {
        int slash = s.indexOf('/');
        IllegalArgumentException bad = new IllegalArgumentException("invalid CIDR address: " + s);
        if (slash < 0) throw bad;
        String addr = s.substring(0, slash), prefix = s.substring(slash + 1);
        byte[] ip = parseIp(addr);
        if (ip == null) throw bad;
        int bits = isDottedQuad(addr) ? 32 : 128;
        if (prefix.isEmpty() || prefix.length() > 7 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) throw bad;
        int n = Integer.parseInt(prefix);
        if (n > bits) throw bad;
        byte[] m = new byte[bits / 8];
        for (int i = 0; i < m.length; i++) {
            int take = Math.max(0, Math.min(8, n - i * 8));
            m[i] = (byte) (0xff00 >> take);
        }
        return new Cidr(ip, m);
    }

    /** The address part of a CIDR ("10.0.0.5/24" gives 10.0.0.5), as ParseCIDR's first result. */
    public static byte[] address(String cidr) {
        parse(cidr);
        return parseIp(cidr.substring(0, cidr.indexOf('/')));
    }

    /** net.ParseIP: the 16-byte form, or null when the text is not an IP literal (zones are refused, as Go does). */
    public static byte[] parseIp(String s) {
        if (isDottedQuad(s)) {
            String[] p = s.split("\\.", -1);
            byte[] out = mapped();
            for (int i = 0; i < 4; i++) out[12 + i] = (byte) Integer.parseInt(p[i]);
            return out;
        }
        if (!s.contains(":") || s.contains("%") || s.contains("[") || s.contains("]")) return null;
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] raw = a.getAddress();
        if (a instanceof Inet4Address) {
            byte[] out = mapped();
            System.arraycopy(raw, 0, out, 12, 4);
            return out;
        }
        return raw;
    }

    private static byte[] mapped() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        return b;
    }

    /** Four decimal fields of 0-255 without leading zeros: what Go accepts as an IPv4 literal. */
    private static boolean isDottedQuad(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return false;
        for (String f : p) {
            if (f.isEmpty() || f.length() > 3 || !f.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
            if (f.length() > 1 && f.charAt(0) == '0') return false;
            if (Integer.parseInt(f) > 255) return false;
        }
        return true;
    }

    /** IP.To4: the last four bytes of an IPv4-mapped address, else null. */
    private static byte[] to4(byte[] ip) {
        if (ip.length == 4) return ip;
        for (int i = 0; i < 10; i++) if (ip[i] != 0) return null;
        if (ip[10] != (byte) 0xff || ip[11] != (byte) 0xff) return null;
        byte[] out = new byte[4];
        System.arraycopy(ip, 12, out, 0, 4);
        return out;
    }

    /** IPNet.Contains; a null address (ParseIP failed) is in no network. */
    public boolean contains(byte[] ip) {
        if (ip == null) return false;
        byte[] nn = to4(network);
        if (nn == null) nn = network;
        byte[] m = mask;
        if (m.length == 4 && nn.length != 4) return false;
        if (m.length == 16 && nn.length == 4) m = java.util.Arrays.copyOfRange(m, 12, 16);
        byte[] x = to4(ip);
        if (x != null) ip = x;
        if (ip.length != nn.length) return false;
        for (int i = 0; i < ip.length; i++) {
            if ((nn[i] & m[i]) != (ip[i] & m[i])) return false;
        }
        return true;
    }
}
