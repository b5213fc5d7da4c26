package dev.berth.engine.network;

import dev.berth.firewall.BridgeNet;
import dev.berth.firewall.Firewall;
import dev.berth.firewall.FirewallModel;
import dev.berth.firewall.PortForward;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

/**
 * Keeps Berth's nftables table equal to what the networks and published ports need: the whole
 * table is rendered from the state and swapped in one transaction, skipped when nothing changed.
 */
final class FirewallSync {
    private static final Logger LOG = Logger.getLogger(FirewallSync.class.getName());
    private final Firewall firewall;
    private FirewallModel applied;
    private boolean closed;

    FirewallSync(NetworkOptions options) {
        this.firewall = options.firewall() ? new Firewall(options.table()) : null;
    }

    /**
     * Renders from the state as it is once inside the lock: two containers starting together must not
     * apply models built before each other's changes (the older one would win and drop a rule).
     */
    synchronized void apply(java.util.function.Supplier<? extends Collection<NetworkRecord>> networks,
                            java.util.function.Supplier<? extends Collection<PortForward>> forwards) {
        if (firewall == null || closed) return;
        List<BridgeNet> bridges = new ArrayList<>();
        for (NetworkRecord n : networks.get()) {
            if (!n.isBridge()) continue;
            boolean icc = !"false".equals(n.options().get("com.docker.network.bridge.enable_icc"));
            bridges.add(new BridgeNet(n.bridge(), n.subnet(), n.internal(), icc));
        }
        FirewallModel m = new FirewallModel(bridges, List.copyOf(forwards.get()));
        if (m.equals(applied)) return;
        firewall.apply(m);
        applied = m;
    }

    /** No more changes (daemon shutdown): a late background refresh must not bring the table back. */
    synchronized void close() {
        closed = true;
    }

    synchronized void remove() {
        closed = true;
        if (firewall == null) return;
        try {
            firewall.remove();
        } catch (RuntimeException e) {
            LOG.warning("remove nftables table: " + e.getMessage());
        }
        applied = null;
    }

    String forwardPolicy() {
        return firewall == null ? "disabled" : firewall.forwardPolicy().toString();
    }
}
