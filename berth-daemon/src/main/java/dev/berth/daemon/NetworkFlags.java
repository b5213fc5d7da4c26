package dev.berth.daemon;

import dev.berth.common.BerthException;
import dev.berth.engine.network.NetworkOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dockerd's network flags (-b/--bridge, --bip, --default-address-pool, --iptables, --icc, --mtu,
 * --dns, --dns-search, --dns-opt) and Berth's --nft-table. Unlike dockerd, a --bridge that does not
 * exist is created (so test daemons can each have their own).
 */
public record NetworkFlags(String bridge, String bip, List<String> pools, boolean iptables, boolean icc, int mtu, List<String> dns,
                           List<String> dnsSearch, List<String> dnsOptions, String table) {
    public static final NetworkFlags DEFAULTS = new NetworkFlags(null, null, List.of(), true, true, 0, List.of(), List.of(), List.of(), null);

    public NetworkFlags {
        pools = pools == null ? List.of() : List.copyOf(pools);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        if (bridge != null && (bridge.length() > 15 || !bridge.matches("[A-Za-z0-9_.-]+")))
            throw BerthException.invalid("invalid bridge name: %s", bridge);
        if (table != null && !table.matches("[A-Za-z][A-Za-z0-9_]{0,31}")) throw BerthException.invalid("invalid nftables table name: %s", table);
        if (bip != null && !bip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) throw BerthException.invalid("invalid --bip: %s (want IP/prefix)", bip);
    }

    /** "base=172.30.0.0/16,size=24" → "172.30.0.0/16:24". */
    static String pool(String spec) {
        String base = null;
        int size = -1;
        for (String kv : spec.split(",")) {
            String[] p = kv.split("=", 2);
            if (p.length != 2) throw BerthException.invalid("invalid default address pool: %s", spec);
            switch (p[0].strip()) {
                case "base" -> base = p[1].strip();
                case "size" -> size = Integer.parseInt(p[1].strip());
                default -> throw BerthException.invalid("unexpected key in default address pool: %s", p[0]);
            }
        }
        if (base == null || size < 0) throw BerthException.invalid("invalid default address pool: %s", spec);
        return base + ":" + size;
    }

    NetworkOptions options(Path dataRoot, Path execRoot) {
        List<String> p = new ArrayList<>();
        for (String s : pools) p.add(s.contains("=") ? pool(s) : s);
        return new NetworkOptions(dataRoot.resolve("network"), execRoot.resolve("netns"), bridge, bip, p, iptables, table, icc, mtu,
                dns, dnsSearch, dnsOptions, null);
    }
}
