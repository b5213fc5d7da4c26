package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * One network's IPAM settings: the subnet, an optional ip-range (sub-block dynamic addresses come from) and an
 * optional gateway (null = the first free address of the range, as Docker picks it).
 */
public record IpamConfig(Subnet subnet, Subnet ipRange, Inet4Address gateway) {
    public IpamConfig {
        if (subnet == null) {
            throw BerthException.invalid("invalid network config: no subnet");
        }
        List<String> errors = new ArrayList<>();
        if (ipRange != null) {
            if (ipRange.prefix() < subnet.prefix()) {
                errors.add("invalid ip-range " + ipRange + ": CIDR block is bigger than its parent subnet " + subnet);
            }
            if (!subnet.overlaps(ipRange)) {
                errors.add("invalid ip-range " + ipRange + ": parent subnet " + subnet + " doesn't contain ip-range");
            }
        }
        if (gateway != null && !subnet.contains(gateway)) {
            errors.add("invalid gateway " + gateway.getHostAddress() + ": parent subnet " + subnet
                    + " doesn't contain this address");
        }
        if (!errors.isEmpty()) {
            throw BerthException.invalid("invalid network config:\n%s", String.join("\n", errors));
        }
    }

    /** From the API's IPAM.Config strings; {@code ipRange}/{@code gateway} may be null or empty. Docker's texts. */
    public static IpamConfig parse(String subnet, String ipRange, String gateway) {
        List<String> errors = new ArrayList<>();
        Subnet s = strict("subnet", subnet, errors);
        Subnet r = empty(ipRange) ? null : strict("ip-range", ipRange, errors);
        Inet4Address g = null;
        if (!empty(gateway)) {
            g = Ipv4.tryParse(gateway);
            if (g == null) {
                errors.add("invalid gateway " + gateway + ": invalid address");
            }
        }
        if (!errors.isEmpty()) {
            throw BerthException.invalid("invalid network config:\n%s", String.join("\n", errors));
        }
        return new IpamConfig(s, r, g);
    }

    public static IpamConfig of(Subnet subnet) {
        return new IpamConfig(subnet, null, null);
    }

    /** The block dynamic allocations come from: the ip-range, else the whole subnet. */
    public Subnet dynamicRange() {
        return ipRange == null ? subnet : ipRange;
    }

    private static Subnet strict(String what, String text, List<String> errors) {
        if (text != null && text.indexOf(':') >= 0) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    "invalid " + what + " " + text + ": IPv6 is not supported yet");
        }
        try {
            Subnet s = Subnet.parse(text);
            String given = text.substring(0, text.indexOf('/'));
            if (!Ipv4.parse(given).equals(s.network())) {
                errors.add("invalid " + what + " " + text + ": it should be " + s);
            }
            return s;
        } catch (BerthException e) {
            errors.add("invalid " + what + " " + text + ": invalid CIDR block notation");
            return null;
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
