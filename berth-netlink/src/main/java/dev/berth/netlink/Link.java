package dev.berth.netlink;

/**
 * A network interface as the kernel reports it.
 *
 * @param kind        the rtnetlink link kind ("bridge", "veth", ...) or "" for devices without one (lo, physical)
 * @param mac         lower-case "aa:bb:cc:dd:ee:ff", or "" when the link has no hardware address
 * @param masterIndex index of the bridge it is enslaved to, 0 if none
 * @param up          administratively up (IFF_UP)
 */
public record Link(int index, String name, String kind, String mac, int mtu, int masterIndex, boolean up) {}
