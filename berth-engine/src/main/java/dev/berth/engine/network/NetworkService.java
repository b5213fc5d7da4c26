package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.network.ipam.Subnet;
import dev.berth.network.ipam.SubnetPool;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Networks: the predefined bridge/host/none and user-defined bridge networks (create, inspect,
 * remove, prune), kept in the kernel (bridges), on disk and in Berth's nftables table. Containers
 * join them through {@link Sandboxes}.
 */
public final class NetworkService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkService.class.getName());
    public static final String DEFAULT = "bridge";

    private final NetworkOptions options;
    private final NetworkStore store;
    private final NetworkRegistry registry = new NetworkRegistry();
    private final BridgeLinks links;
    private final FirewallSync firewall;
    private final Sandboxes sandboxes;
    private volatile NetworkEvents events = NetworkEvents.NONE;

    private NetworkService(NetworkOptions options, ContainerDirectory containers) {
        this.options = options;
        this.store = new NetworkStore(options.stateDir());
        this.links = new BridgeLinks(options.mtu());
        this.firewall = new FirewallSync(options);
        this.sandboxes = new Sandboxes(options, store, registry, links, firewall, containers);
    }

    /** Loads the networks, makes the predefined ones, brings the bridges and rules back, re-adopts running sandboxes. */
    public static NetworkService open(NetworkOptions options, ContainerDirectory containers) {
        NetworkService s = new NetworkService(options, containers);
        try {
            s.load();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void load() {
        for (NetworkRecord n : store.loadNetworks()) {
            if (n.isBridge() && (n.bridge() == null || n.subnet() == null || n.gateway() == null)) {
                LOG.warning("ignoring network " + n.name() + " (" + n.id() + "): its record has no bridge, subnet or gateway");
                continue;
            }
            registry.put(n);
        }
        ensurePredefined();
        for (NetworkRecord n : registry.all()) if (n.isBridge()) ensureBridge(n);
        sandboxes.restore(store.loadAttachments());
        firewall.apply(registry::all, sandboxes::published);
    }

    public void events(NetworkEvents e) {
        this.events = e;
    }

    public Sandboxes sandboxes() {
        return sandboxes;
    }

    private void ensurePredefined() {
        NetworkRecord bridge = registry.byName(DEFAULT);
        if (bridge == null || !options.bridge().equals(bridge.bridge()) || (options.bip() != null && !bipMatches(bridge))) {
            if (bridge != null) {
                registry.remove(bridge.id());
                if (bridge.bridge() != null && !bridge.bridge().equals(options.bridge()) && !bridge.adoptedBridge()) links.deleteBridge(bridge.bridge());
            }
            NetworkRecord old = bridge;
            bridge = defaultBridge(bridge == null ? newId() : bridge.id());
            // Still our own bridge when only --bip changed: what adopted it was decided when it was first used.
            if (old != null && options.bridge().equals(old.bridge()) && old.adoptedBridge() != bridge.adoptedBridge())
                bridge = new NetworkRecord(bridge.id(), bridge.name(), bridge.driver(), bridge.created(), bridge.bridge(), bridge.subnet(),
                        bridge.gateway(), bridge.ipRange(), bridge.internal(), bridge.attachable(), bridge.enableIpv6(), bridge.labels(),
                        bridge.options(), bridge.predefined(), old.adoptedBridge());
            registry.put(bridge);
            store.save(bridge);
        }
        for (String[] p : new String[][] {{"host", "host"}, {"none", "null"}}) {
            if (registry.byName(p[0]) == null) {
                NetworkRecord n = new NetworkRecord(newId(), p[0], p[1], Instant.now().toString(), null, null, null, null, false, false,
                        false, Map.of(), Map.of(), true, false);
                registry.put(n);
                store.save(n);
            }
        }
    }

    private boolean bipMatches(NetworkRecord n) {
        String[] b = options.bip().split("/");
        return b[0].equals(n.gateway()) && Subnet.parse(options.bip()).toString().equals(n.subnet());
    }

    private NetworkRecord defaultBridge(String id) {
        Subnet subnet;
        String gateway;
        if (options.bip() != null) {
            subnet = Subnet.parse(options.bip());
            gateway = options.bip().split("/")[0];
        } else {
            subnet = pool().pick(registry.subnets(), hostRoutes());
            gateway = subnet.addressAt(1).getHostAddress();
        }
        Map<String, String> opts = new HashMap<>();
        opts.put("com.docker.network.bridge.default_bridge", "true");
        opts.put("com.docker.network.bridge.enable_icc", Boolean.toString(options.icc()));
        opts.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        opts.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        opts.put("com.docker.network.bridge.name", options.bridge());
        opts.put("com.docker.network.driver.mtu", Integer.toString(options.mtu()));
        return new NetworkRecord(id, DEFAULT, "bridge", Instant.now().toString(), options.bridge(), subnet.toString(), gateway, null,
                false, false, false, Map.of(), opts, true, links.exists(options.bridge()));
    }

    private SubnetPool pool() {
        return options.pools().isEmpty() ? SubnetPool.dockerDefaults() : new SubnetPool(options.pools().stream().map(NetworkService::pool).toList());
    }

    /** "base/size" as dockerd's --default-address-pool base=172.30.0.0/16,size=24 gives it. */
    private static SubnetPool.Pool pool(String spec) {
        int at = spec.lastIndexOf(':');
        return SubnetPool.Pool.of(spec.substring(0, at), Integer.parseInt(spec.substring(at + 1)));
    }

    private List<Subnet> hostRoutes() {
        List<Subnet> out = new ArrayList<>();
        for (String r : links.hostRoutes()) {
            if (r.equals("0.0.0.0/0")) continue;
            try {
                out.add(Subnet.parse(r));
            } catch (RuntimeException ignored) {
                // not an IPv4 CIDR
            }
        }
        return out;
    }

    private void ensureBridge(NetworkRecord n) {
        Subnet s = Subnet.parse(n.subnet());
        links.ensureBridge(n.bridge(), Addresses.parse(n.gateway()), s.prefix());
    }

    private static String newId() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public List<NetworkRecord> list() {
        return registry.all();
    }

    public NetworkRecord inspect(String ref) {
        return registry.find(ref);
    }

    /** Creates a user-defined bridge network; returns its record. */
    public synchronized NetworkRecord create(NetworkCreate req) {
        String name = req.name() == null ? "" : req.name();
        if (name.isEmpty()) throw BerthException.invalid("network name cannot be empty");
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"))
            throw BerthException.invalid("invalid network name \"%s\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", name);
        String driver = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
        if (driver.equals("host") || driver.equals("null"))
            throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "only one instance of \"" + driver + "\" network is allowed");
        if (!driver.equals("bridge")) throw BerthException.notFound("plugin \"%s\" not found", driver);
        if (registry.byName(name) != null) throw BerthException.conflict("network with name %s already exists", name);
        if (req.enableIpv6()) throw new BerthException(BerthException.Kind.UNSUPPORTED, "IPv6 networks are not supported by Berth yet");
        Subnet subnet;
        if (req.subnet() != null && !req.subnet().isEmpty()) {
            subnet = Subnet.parse(req.subnet());
            for (Subnet other : registry.subnets())
                if (other.overlaps(subnet))
                    throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "Pool overlaps with other one on this address space");
        } else {
            if (req.gateway() != null && !req.gateway().isEmpty() || req.ipRange() != null && !req.ipRange().isEmpty())
                throw BerthException.invalid("a subnet is required with --gateway or --ip-range");
            subnet = pool().pick(registry.subnets(), hostRoutes());
        }
        String gateway = req.gateway() == null || req.gateway().isEmpty() ? subnet.addressAt(1).getHostAddress() : req.gateway();
        if (!subnet.contains(Addresses.parse(gateway)))
            throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "no matching subnet for gateway " + gateway);
        if (req.ipRange() != null && !req.ipRange().isEmpty() && !subnet.contains(Subnet.parse(req.ipRange())))
            throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "no matching subnet for range " + req.ipRange());
        String id = newId();
        String bridgeName = req.options().getOrDefault("com.docker.network.bridge.name", "br-" + id.substring(0, 12));
        if (bridgeName.length() > 15) throw BerthException.invalid("bridge name %s is longer than 15 characters", bridgeName);
        for (NetworkRecord n : registry.all())
            if (bridgeName.equals(n.bridge())) throw BerthException.conflict("bridge name %s is already used by network %s", bridgeName, n.name());
        NetworkRecord n = new NetworkRecord(id, name, "bridge", Instant.now().toString(), bridgeName, subnet.toString(), gateway,
                req.ipRange() == null || req.ipRange().isEmpty() ? null : req.ipRange(), req.internal(), req.attachable(), false,
                req.labels(), req.options(), false, links.exists(bridgeName));
        registry.put(n);
        try {
            ensureBridge(n);
            store.save(n);
            firewall.apply(registry::all, sandboxes::published);
        } catch (RuntimeException e) {
            registry.remove(id);
            if (!n.adoptedBridge()) links.deleteBridge(bridgeName);
            store.deleteNetwork(id);
            throw e;
        }
        events.publish("create", id, Map.of("name", name, "type", "bridge"));
        return n;
    }

    public synchronized void remove(String ref) {
        NetworkRecord n = registry.find(ref);
        if (n.predefined())
            throw new BerthException(BerthException.Kind.PERMISSION_DENIED, n.name() + " is a pre-defined network and cannot be removed");
        registry.removing().lock();
        try {
            if (sandboxes.activeOn(n.id()))
                throw new BerthException(BerthException.Kind.PERMISSION_DENIED,
                        "error while removing network: network " + n.name() + " id " + n.id() + " has active endpoints");
            registry.remove(n.id());
        } finally {
            registry.removing().unlock();
        }
        store.deleteNetwork(n.id());
        if (!n.adoptedBridge()) links.deleteBridge(n.bridge());
        firewall.apply(registry::all, sandboxes::published);
        events.publish("destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
    }

    /** Removes the user networks without active endpoints that match; returns their names. */
    public synchronized List<String> prune(Predicate<NetworkRecord> filter) {
        List<String> removed = new ArrayList<>();
        for (NetworkRecord n : registry.all()) {
            if (n.predefined() || sandboxes.activeOn(n.id()) || !filter.test(n)) continue;
            try {
                remove(n.id());
                removed.add(n.name());
            } catch (RuntimeException e) {
                LOG.warning("prune " + n.name() + ": " + e.getMessage());
            }
        }
        return removed;
    }

    /** For inspect: the running containers on the network. */
    public Map<String, Sandboxes.EndpointView> containersOn(String networkId) {
        return sandboxes.endpointsOn(networkId);
    }

    /** Daemon shutdown. With live restore the sandboxes and rules stay (a new berthd adopts them); else everything goes. */
    public void shutdown(boolean keepRunning) {
        sandboxes.stopServing();
        if (!keepRunning) {
            for (NetworkRecord n : registry.all()) if (n.isBridge() && !n.adoptedBridge()) links.deleteBridge(n.bridge());
            firewall.remove();
        }
    }

    InetAddress gatewayOf(String networkId) {
        NetworkRecord n = registry.byId(networkId);
        return n == null || n.gateway() == null ? null : Addresses.parse(n.gateway());
    }

    @Override
    public void close() {
        firewall.close();
        sandboxes.stopServing();
        links.close();
    }
}
