package dev.berth.engine.network;

import java.nio.file.Path;
import java.util.List;

/**
 * The daemon-wide network settings (dockerd's --bridge, --bip, --default-address-pool, --iptables,
 * --icc, --mtu, --dns*, plus Berth's own nftables table name).
 *
 * @param stateDir     where networks and endpoints are persisted (DATA_ROOT/network)
 * @param netnsDir     where container network namespaces are bind-mounted (EXEC_ROOT/netns)
 * @param bridge       the default bridge's Linux name
 * @param bip          the default bridge's gateway/prefix ("172.17.0.1/16"), or null to pick a free pool
 * @param pools        address pools as "base/size" pairs ("172.17.0.0/16:16"), empty for Docker's defaults
 * @param firewall     whether Berth manages its nftables table (dockerd's --iptables)
 * @param table        the nftables table's name
 * @param icc          inter-container traffic on the default bridge
 * @param mtu          MTU of bridges and veths (0 = 1500)
 * @param dns          default --dns for containers (empty = the host's resolvers)
 */
public record NetworkOptions(Path stateDir, Path netnsDir, String bridge, String bip, List<String> pools, boolean firewall,
                             String table, boolean icc, int mtu, List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
                             Path hostResolvConf) {
    public NetworkOptions {
        pools = pools == null ? List.of() : List.copyOf(pools);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        if (bridge == null || bridge.isEmpty()) bridge = "berth0";
        if (table == null || table.isEmpty()) table = "berth";
        if (mtu <= 0) mtu = 1500;
        if (hostResolvConf == null) hostResolvConf = Path.of("/etc/resolv.conf");
    }

    public static NetworkOptions defaults(Path dataRoot, Path execRoot) {
        return new NetworkOptions(dataRoot.resolve("network"), execRoot.resolve("netns"), "berth0", null, List.of(), true, "berth",
                true, 1500, List.of(), List.of(), List.of(), null);
    }
}
