package dev.berth.network.files;

import dev.berth.common.BerthException;
import dev.berth.network.ipam.Ipv4;


/** An {@code --add-host name:ip} (or {@code name=ip}) entry. */
public record ExtraHost(String name, String ip) {
    /** The special address Docker replaces with the daemon's host-gateway IP. */
    public static final String HOST_GATEWAY = "host-gateway";

    public ExtraHost {
        new HostsEntry(ip, name);
    }

    /**
     * Parses {@code name:ip}, {@code name=ip} or {@code name:[v6]}; {@code host-gateway} becomes {@code hostGatewayIp}
     * (an error if that is null, as Docker's "unable to derive the IP value for host-gateway"). Errors use the CLI's
     * wording: {@code invalid argument "X" for "--add-host" flag: bad format for add-host: "X"} and
     * {@code ...: invalid IP address in add-host: "Y"}.
     */
    public static ExtraHost parse(String spec, String hostGatewayIp) {
        String s = spec == null ? "" : spec;
        int eq = s.indexOf('=');
        int sep = eq >= 0 ? eq : s.indexOf(':');
        String name = sep < 0 ? "" : s.substring(0, sep);
        if (sep < 0 || name.isEmpty() || name.indexOf(':') >= 0 || name.chars().anyMatch(Character::isWhitespace)) {
            throw flagError(spec, String.format("bad format for add-host: \"%s\"", spec));
        }
        String ip = s.substring(sep + 1);
        if (ip.equals(HOST_GATEWAY)) {
            if (hostGatewayIp == null || hostGatewayIp.isEmpty()) {
                throw BerthException.invalid("unable to derive the IP value for host-gateway");
            }
            return new ExtraHost(name, hostGatewayIp);
        }
        if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        String canonical = canonicalIp(ip);
        if (canonical == null) {
            throw flagError(spec, String.format("invalid IP address in add-host: \"%s\"", ip));
        }
        return new ExtraHost(name, canonical);
    }

    public HostsEntry toEntry() {
        return new HostsEntry(ip, name);
    }

    private static String canonicalIp(String ip) {
        return Ipv4.parseLiteral(ip) == null || ip.indexOf('%') >= 0 ? null : ip;
    }

    private static BerthException flagError(String spec, String why) {
        return BerthException.invalid("invalid argument \"%s\" for \"--add-host\" flag: %s", spec, why);
    }
}
