package dev.berth.engine.network;

import dev.berth.netlink.Netns;
import dev.berth.netlink.RtNetlink;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kernel side of the bridge driver, over rtnetlink in this process (no `ip` forks): bridges
 * with their gateway address, container network namespaces, and a veth per endpoint whose inside
 * end is created directly in the container's netns under its final name (eth0, eth1...).
 */
final class BridgeLinks implements AutoCloseable {
    private final RtNetlink host;
    private final int mtu;

    BridgeLinks(int mtu) {
        this.host = RtNetlink.open();
        this.mtu = mtu;
    }

    /** Creates the bridge if missing, gives it the gateway address, brings it up. */
    synchronized void ensureBridge(String name, InetAddress gateway, int prefix) {
        if (host.linkIndex(name) < 0) host.addBridge(name, mtu);
        boolean has = host.addresses(name).stream().anyMatch(a -> a.address().equals(gateway));
        if (!has) host.addAddress(name, gateway, prefix);
        host.setUp(name);
    }

    synchronized boolean deleteBridge(String name) {
        return host.deleteLink(name);
    }

    synchronized boolean exists(String name) {
        return host.linkIndex(name) >= 0;
    }

    /** IPv4 routes of the host's main table, as CIDRs (for picking a free subnet). */
    synchronized List<String> hostRoutes() {
        return host.routes().stream().map(dev.berth.netlink.Route::dst).toList();
    }

    static void createNetns(Path file) {
        Netns.create(file);
    }

    static void deleteNetns(Path file) {
        Netns.delete(file);
    }

    /** A fresh host-side veth name: "veth" and 7 hex digits, as Docker names them. */
    static String vethName() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return "veth" + HexFormat.of().formatHex(b).substring(0, 7);
    }

    /**
     * Plugs the netns into the bridge: veth pair (host end on the bridge, inside end named ifName
     * with the MAC), the address, up, and the default route via gateway when given.
     */
    void attach(Path netns, String hostVeth, String ifName, String bridge, InetAddress ip, int prefix, String mac,
                InetAddress defaultGateway) {
        synchronized (this) {
            host.addVeth(hostVeth, ifName, netns, mtu, mac);
            try {
                host.setMaster(hostVeth, bridge);
                hairpin(hostVeth);
                host.setUp(hostVeth);
            } catch (RuntimeException e) {
                host.deleteLink(hostVeth);
                throw e;
            }
        }
        try (RtNetlink in = RtNetlink.openIn(netns)) {
            in.addAddress(ifName, ip, prefix);
            in.setUp(ifName);
            if (defaultGateway != null) in.addDefaultRoute(defaultGateway);
        } catch (RuntimeException e) {
            detach(hostVeth);
            throw e;
        }
    }

    /**
     * With br_netfilter, a container reaching its own published port sends the DNATed packet back
     * out of the port it came in on, which a bridge only does in hairpin mode (dockerd sets it too
     * when it has no userland proxy).
     */
    private static void hairpin(String veth) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/sys/class/net", veth, "brport/hairpin_mode"), "1");
        } catch (java.io.IOException e) {
            throw dev.berth.common.BerthException.internal("set hairpin mode on " + veth + ": " + e.getMessage(), e);
        }
    }

    /** Removes host ends in the background, on a socket of its own (so set-ups need not wait). */
    void detachLater(List<String> veths) {
        if (veths.isEmpty()) return;
        Thread.ofVirtual().name("veth-gc").start(() -> {
            try (RtNetlink nl = RtNetlink.open()) {
                for (String v : veths) nl.deleteLink(v);
            } catch (RuntimeException e) {
                System.getLogger("berthd").log(System.Logger.Level.WARNING, "remove " + veths + ": " + e.getMessage());
            }
        });
    }

    /** Removes the host end; the kernel removes the inside end with it. Absent is fine. */
    synchronized void detach(String hostVeth) {
        host.deleteLink(hostVeth);
    }

    /** Deletes veths enslaved to one of the bridges whose name is not in keep. */
    synchronized void removeVethsExcept(java.util.Set<String> bridges, java.util.Set<String> keep) {
        java.util.Set<Integer> masters = new java.util.HashSet<>();
        List<dev.berth.netlink.Link> all = host.links();
        for (dev.berth.netlink.Link l : all) if (bridges.contains(l.name())) masters.add(l.index());
        for (dev.berth.netlink.Link l : all)
            if ("veth".equals(l.kind()) && masters.contains(l.masterIndex()) && !keep.contains(l.name())) host.deleteLink(l.name());
    }

    @Override
    public synchronized void close() {
        host.close();
    }
}
