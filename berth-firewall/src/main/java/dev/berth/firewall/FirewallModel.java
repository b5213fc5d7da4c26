package dev.berth.firewall;

import dev.berth.common.BerthException;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything Berth's nftables table expresses: its bridges and its published ports. The lists are kept sorted
 * (bridges by name, forwards by proto, host port, host IP) so that equal models render equal scripts whatever order
 * the daemon collected them in.
 */
public record FirewallModel(List<BridgeNet> bridges, List<PortForward> forwards) {
    static final Comparator<PortForward> FORWARD_ORDER = Comparator.comparing(PortForward::proto)
            .thenComparingInt(PortForward::hostPort)
            .thenComparing(PortForward::hostIp)
            .thenComparing(PortForward::containerIp)
            .thenComparingInt(PortForward::containerPort);

    public FirewallModel {
        bridges = bridges.stream().sorted(Comparator.comparing(BridgeNet::bridge)).toList();
        forwards = forwards.stream().sorted(FORWARD_ORDER).toList();
        Set<String> names = bridges.stream().map(BridgeNet::bridge).collect(Collectors.toSet());
        if (names.size() != bridges.size()) {
            throw BerthException.invalid("firewall model names a bridge twice: %s", bridges.stream().map(BridgeNet::bridge).toList());
        }
        Map<String, PortForward> taken = new HashMap<>();
        for (PortForward f : forwards) {
            if (!names.contains(f.bridge())) {
                throw BerthException.invalid("published port %s is on bridge %s which is not one of Berth's bridges %s",
                        f.describe(), f.bridge(), names.stream().sorted().toList());
            }
            for (PortForward other : taken.values()) {
                if (other.proto().equals(f.proto()) && other.hostPort() == f.hostPort()
                        && (other.hostIp().isEmpty() || f.hostIp().isEmpty() || other.hostIp().equals(f.hostIp()))) {
                    throw BerthException.conflict("published port %s conflicts with %s: port is already allocated",
                            f.describe(), other.describe());
                }
            }
            taken.put(f.describe(), f);
        }
    }

    public static FirewallModel empty() {
        return new FirewallModel(List.of(), List.of());
    }
}
