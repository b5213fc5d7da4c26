package dev.berth.netlink;

import java.net.InetAddress;

/** An address assigned to a link. */
public record Address(int ifIndex, InetAddress address, int prefixLen) {
    /** "10.0.0.1/24". */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLen;
    }
}
