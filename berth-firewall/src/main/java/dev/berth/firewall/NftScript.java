package dev.berth.firewall;

import java.util.List;

/**
 * Renders Berth's whole nftables table from a {@link FirewallModel}: Docker's iptables rules (bridge driver) in nft
 * syntax. The result is fed to {@code nft -f -} as one transaction that creates the table if missing, deletes it and
 * declares it again, so the old rules vanish and the new ones appear at the same instant.
 *
 * <p>Chains, in the order they are printed:
 * <ul>
 * <li>{@code prerouting} (nat, dstnat) and {@code output} (nat, -100): traffic to any local address jumps to
 *     {@code publish}, which DNATs each published port. Docker's DOCKER chain starts with {@code -i BR -j RETURN} so that
 *     its userland proxy answers containers reaching the host's published ports; Berth has no userland proxy, so it
 *     behaves like dockerd with {@code --userland-proxy=false}: no RETURN, packets from the bridge itself are DNATed too
 *     and the hairpin masquerade below makes the reply come back the same way. The output chain also DNATs
 *     127.0.0.0/8 destinations (Docker's {@code ! -d 127.0.0.0/8} is dropped), which with {@code route_localnet=1} on
 *     the bridge is what makes {@code 127.0.0.1:PORT} work from the host.</li>
 * <li>{@code postrouting} (nat, srcnat), per non-internal bridge: masquerade the subnet leaving by another interface;
 *     masquerade local sources (127.0.0.1 after the loopback DNAT) going out of the bridge; and hairpin: masquerade
 *     DNATed traffic from the subnet that goes back out of the same bridge. That last rule generalises Docker's
 *     per-port {@code -s CIP -d CIP --dport CP -j MASQUERADE}: it also covers a container reaching a sibling's published
 *     port through the host address, which Docker only gets right with br_netfilter loaded.</li>
 * <li>{@code forward} (filter, policy accept): established/related accepted first; internal bridges drop anything
 *     entering or leaving that is not bridge-to-same-bridge; then traffic to a published port (DNATed) is accepted;
 *     then isolation between two different Berth bridges (both directions, Docker's DOCKER-ISOLATION stages) and
 *     {@code icc=false} (drop bridge-to-same-bridge). Accepting DNATed traffic before isolation/icc is what Docker's
 *     default userland proxy gives: any container may reach any published port through a host address. Last,
 *     anything else entering a bridge from another interface is dropped (Docker 28's per-network drop).</li>
 * <li>{@code loopback_guard} (filter, prerouting, raw): packets from a Berth bridge to 127.0.0.0/8 are dropped,
 *     since route_localnet would otherwise route them to the host's loopback services.</li>
 * </ul>
 * Published ports on an internal bridge are not rendered (Docker publishes nothing on internal networks).
 * Rules match interfaces by name ({@code iifname}/{@code oifname}), so a bridge may be created after the table.
 */
public final class NftScript {
    private NftScript() {}

    /** The full {@code nft -f} transaction that replaces table {@code ip <table>} with the model's rules. */
    public static String render(String table, FirewallModel m) {
        Names.table(table);
        StringBuilder out = new StringBuilder();
        out.append("table ip ").append(table).append(" {}\n");
        out.append("delete table ip ").append(table).append('\n');
        out.append("table ip ").append(table).append(" {\n");
        List<PortForward> published = published(m);
        natHooks(out);
        publish(out, published);
        postrouting(out, m.bridges());
        forward(out, m.bridges());
        loopbackGuard(out, m.bridges());
        out.append("}\n");
        return out.toString();
    }

    /**
     * What the table's structure depends on: its bridges. Two models of the same
     * shape differ only in the {@code publish} chain, which {@link #renderPublish} rewrites alone.
     */
    public static String shape(FirewallModel m) {
        return m.bridges().toString();
    }

    /**
     * A transaction that replaces only the rules of the {@code publish} chain, for a model of the same {@link #shape}
     * as the one last rendered whole. It leaves base chains alone: re-registering hooks costs the kernel ~15 ms a
     * transaction, a regular chain's rules well under one.
     */
    public static String renderPublish(String table, FirewallModel m) {
        Names.table(table);
        StringBuilder out = new StringBuilder("flush chain ip ").append(table).append(" publish\n");
        StringBuilder rules = new StringBuilder();
        publish(rules, published(m));
        rules.toString().lines().filter(l -> l.startsWith("\t\t"))
                .forEach(l -> out.append("add rule ip ").append(table).append(" publish ").append(l.strip()).append('\n'));
        return out.toString();
    }

    /** The {@code nft -f} transaction that removes table {@code ip <table>}, succeeding whether or not it exists. */
    public static String renderRemove(String table) {
        Names.table(table);
        return "table ip " + table + " {}\ndelete table ip " + table + "\n";
    }

    private static List<PortForward> published(FirewallModel m) {
        return m.forwards().stream()
                .filter(f -> m.bridges().stream().noneMatch(b -> b.bridge().equals(f.bridge()) && b.internal()))
                .toList();
    }

    /** Always jump, even to an empty chain: the chain's rules can then change without touching the hooks. */
    private static void natHooks(StringBuilder out) {
        String jump = "\t\tfib daddr type local jump publish\n";
        out.append("\tchain prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n")
                .append(jump).append("\t}\n");
        out.append("\tchain output {\n\t\ttype nat hook output priority -100; policy accept;\n")
                .append(jump).append("\t}\n");
    }

    private static void publish(StringBuilder out, List<PortForward> forwards) {
        out.append("\tchain publish {\n");
        for (PortForward f : forwards) {
            out.append("\t\t");
            if (!f.hostIp().isEmpty()) out.append("ip daddr ").append(f.hostIp()).append(' ');
            out.append(f.proto()).append(" dport ").append(f.hostPort())
                    .append(" dnat to ").append(f.containerIp()).append(':').append(f.containerPort()).append('\n');
        }
        out.append("\t}\n");
    }

    private static void postrouting(StringBuilder out, List<BridgeNet> bridges) {
        out.append("\tchain postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
        for (BridgeNet b : bridges) {
            if (b.internal()) continue;
            String br = q(b.bridge());
            out.append("\t\tip saddr ").append(b.subnet()).append(" oifname != ").append(br).append(" masquerade\n");
            out.append("\t\toifname ").append(br).append(" fib saddr type local masquerade\n");
            out.append("\t\tip saddr ").append(b.subnet()).append(" oifname ").append(br)
                    .append(" ct status dnat masquerade comment \"hairpin\"\n");
        }
        out.append("\t}\n");
    }

    private static void forward(StringBuilder out, List<BridgeNet> bridges) {
        out.append("\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n");
        out.append("\t\tct state established,related accept\n");
        for (BridgeNet b : bridges) {
            if (!b.internal()) continue;
            String br = q(b.bridge());
            out.append("\t\tiifname ").append(br).append(" oifname != ").append(br).append(" drop\n");
            out.append("\t\toifname ").append(br).append(" iifname != ").append(br).append(" drop\n");
        }
        if (bridges.isEmpty()) {
            out.append("\t}\n");
            return;
        }
        out.append("\t\tct status dnat accept comment \"published\"\n");
        // Nothing else may enter a bridge from outside it: a LAN host routing to a container subnet
        // through this machine would otherwise reach unpublished ports (the chain's policy is accept).
        for (BridgeNet b : bridges) {
            if (b.internal()) continue;
            String br = q(b.bridge());
            out.append("\t\toifname ").append(br).append(" iifname != ").append(br).append(" drop\n");
        }
        if (bridges.size() > 1) {
            for (BridgeNet b : bridges) {
                out.append("\t\tiifname ").append(q(b.bridge())).append(" oifname { ");
                String sep = "";
                for (BridgeNet other : bridges) {
                    if (other == b) continue;
                    out.append(sep).append(q(other.bridge()));
                    sep = ", ";
                }
                out.append(" } drop\n");
            }
        }
        for (BridgeNet b : bridges) {
            if (!b.icc()) out.append("\t\tiifname ").append(q(b.bridge())).append(" oifname ").append(q(b.bridge())).append(" drop\n");
        }
        out.append("\t}\n");
    }

    /**
     * route_localnet (needed for the 127.0.0.1 DNAT) would also let a container with NET_RAW send to
     * the host's 127.0.0.0/8 through its gateway: drop that before routing (replies to the DNAT are
     * still addressed to the gateway at this point, so they pass).
     */
    private static void loopbackGuard(StringBuilder out, List<BridgeNet> bridges) {
        if (bridges.isEmpty()) return;
        out.append("\tchain loopback_guard {\n\t\ttype filter hook prerouting priority raw; policy accept;\n\t\tiifname { ");
        String sep = "";
        for (BridgeNet b : bridges) {
            out.append(sep).append(q(b.bridge()));
            sep = ", ";
        }
        out.append(" } ip daddr 127.0.0.0/8 counter drop\n\t}\n");
    }

    private static String q(String name) {
        return "\"" + name + "\"";
    }
}
