package dev.berth.netlink;

/**
 * An IPv4 route of the main table.
 *
 * @param dst     network in CIDR form, "0.0.0.0/0" for the default route
 * @param gateway next hop, or null for a directly connected network
 * @param ifIndex output interface, 0 if the kernel reported none
 */
public record Route(String dst, String gateway, int ifIndex) {
    public boolean isDefault() {
        return dst.endsWith("/0");
    }
}
