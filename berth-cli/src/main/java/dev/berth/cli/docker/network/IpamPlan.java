package dev.berth.cli.docker.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker network create's createIPAMConfig: each --ip-range, --gateway and --aux-address is
 * placed in the --subnet that contains it, with the CLI's own error messages. A lone subnet is
 * never parsed here (a malformed one reaches the daemon, which names the fault), exactly as the
 * docker CLI does. Pools keep the order of the --subnet flags.
 */
public final class IpamPlan {
    /** One IPAM pool: Subnet, IPRange, Gateway, AuxiliaryAddresses (empty strings and maps are left out of the request). */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {}

    private IpamPlan() {}

    public static List<Pool> pools(List<String> subnets, List<String> ipRanges, List<String> gateways, Map<String, String> auxAddresses) {
        if (subnets.size() < ipRanges.size() || subnets.size() < gateways.size()) {
            throw new IllegalArgumentException("every ip-range or gateway must have a corresponding subnet");
        }
        Map<String, String[]> pools = new LinkedHashMap<>();
        Map<String, Map<String, String>> aux = new LinkedHashMap<>();
        for (String s : subnets) {
            for (String k : pools.keySet()) {
                boolean inside = matches(s, k);
                boolean around = matches(k, s);
                if (inside || around) throw new IllegalArgumentException("multiple overlapping subnet configuration is not supported");
            }
            pools.put(s, new String[2]);
            aux.put(s, new TreeMap<>());
        }
        for (String r : ipRanges) {
            boolean match = false;
            for (String s : subnets) {
                Cidr.parse(r);
                if (!matches(s, r)) continue;
                String[] p = pools.get(s);
                if (p[0] != null) {
                    throw new IllegalArgumentException("cannot configure multiple ranges (" + r + ", " + p[0] + ") on the same subnet (" + s + ")");
                }
                p[0] = r;
                match = true;
            }
            if (!match) throw new IllegalArgumentException("no matching subnet for range " + r);
        }
        for (String g : gateways) {
            boolean match = false;
            for (String s : subnets) {
                if (!matches(s, g)) continue;
                String[] p = pools.get(s);
                if (p[1] != null) {
                    throw new IllegalArgumentException("cannot configure multiple gateways (" + g + ", " + p[1] + ") for the same subnet (" + s + ")");
                }
                p[1] = g;
                match = true;
            }
            if (!match) throw new IllegalArgumentException("no matching subnet for gateway " + g);
        }
        for (var e : auxAddresses.entrySet()) {
            boolean match = false;
            for (String s : subnets) {
                if (!matches(s, e.getValue())) continue;
                aux.get(s).put(e.getKey(), e.getValue());
                match = true;
            }
            if (!match) throw new IllegalArgumentException("no matching subnet for aux-address " + e.getValue());
        }
        List<Pool> out = new ArrayList<>();
        pools.forEach((s, p) -> out.add(new Pool(s, p[0] == null ? "" : p[0], p[1] == null ? "" : p[1], aux.get(s))));
        return out;
    }

    /** subnetMatches: whether data (an address, or a CIDR's address) lies in subnet. */
    static boolean matches(String subnet, String data) {
        Cidr net;
        try {
            net = Cidr.parse(subnet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid subnet: " + e.getMessage());
        }
        byte[] ip = data.contains("/") ? Cidr.address(data) : Cidr.parseIp(data);
        return net.contains(ip);
    }
}
