package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.engine.model.EndpointSettings;
import dev.berth.firewall.PortForward;
import dev.berth.network.ipam.MacAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Containers on networks: which networks a container belongs to (set at create, changed by
 * connect/disconnect), and while it runs its sandbox — a network namespace bind-mounted under the
 * exec root, a veth per network, addresses from the networks' IPAM, published ports, the embedded
 * DNS, and its /etc/hosts and /etc/resolv.conf. Every step of a set-up is undone if a later one fails.
 */
public final class Sandboxes {
    private static final Logger LOG = Logger.getLogger(Sandboxes.class.getName());
    public static final String HOST = "host", NONE = "none";

    private final NetworkOptions options;
    private final NetworkStore store;
    private final NetworkRegistry registry;
    private final BridgeLinks links;
    private final FirewallSync firewall;
    private final ContainerDirectory containers;
    private final DnsServers dns = new DnsServers();
    private final PortPublisher ports = new PortPublisher();
    private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** One container's endpoint as inspect shows it. */
    public record EndpointView(String networkId, String networkName, String endpointId, String ip, int prefix, String gateway,
                               String mac, List<String> aliases, List<String> dnsNames, String containerName) {}

    Sandboxes(NetworkOptions options, NetworkStore store, NetworkRegistry registry, BridgeLinks links, FirewallSync firewall,
              ContainerDirectory containers) {
        this.options = options;
        this.store = store;
        this.registry = registry;
        this.links = links;
        this.firewall = firewall;
        this.containers = containers;
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    /** The mode a create asked for: "bridge" (the default), a network's name or id, "host", "none", "container:X". */
    public static String mode(String networkMode) {
        return networkMode == null || networkMode.isEmpty() || networkMode.equals("default") ? NetworkService.DEFAULT : networkMode;
    }

    public static boolean ownsSandbox(String mode) {
        return !mode.equals(HOST) && !mode.equals(NONE) && !mode.startsWith("container:");
    }

    /** Create: records the networks (checking they exist and the endpoint settings fit them). */
    public void register(String containerId, String networkMode, Map<String, EndpointSettings> endpoints, String macAddress) {
        String mode = mode(networkMode);
        List<Membership> members = new ArrayList<>();
        if (ownsSandbox(mode)) {
            NetworkRecord primary;
            try {
                primary = registry.find(mode);
            } catch (BerthException e) {
                // Docker finds out at start: the create succeeds and the start fails with "network X not found".
                if (e.kind() != BerthException.Kind.NOT_FOUND) throw e;
                Attachment a = new Attachment(containerId, mode, List.of(new Membership(mode, List.of(), null, null, List.of())), null);
                store.save(a);
                attachments.put(containerId, a);
                return;
            }
            if (!primary.isBridge()) throw BerthException.invalid("container cannot be connected to network %s in mode %s", primary.name(), mode);
            Map<String, EndpointSettings> eps = endpoints == null ? Map.of() : endpoints;
            String asked = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
            EndpointSettings first = eps.get(asked);
            if (first == null) first = eps.get(mode);
            if (first == null) first = eps.get(primary.name());
            if (first == null) first = eps.get(primary.id());
            members.add(membership(primary, first, macAddress));
            for (Map.Entry<String, EndpointSettings> e : eps.entrySet()) {
                if (e.getKey().equals(asked)) continue;
                NetworkRecord n = registry.find(e.getKey());
                if (n.id().equals(primary.id())) continue;
                if (!n.isBridge()) throw BerthException.invalid("container cannot be connected to network %s and %s", primary.name(), n.name());
                members.add(membership(n, e.getValue(), null));
            }
        }
        Attachment a = new Attachment(containerId, mode, members, null);
        store.save(a);
        attachments.put(containerId, a);
    }

    private static Membership membership(NetworkRecord n, EndpointSettings s, String mac) {
        String ip = s == null || s.ipamConfig() == null ? null : emptyToNull(s.ipamConfig().ipv4Address());
        List<String> aliases = s == null || s.aliases() == null ? List.of() : s.aliases();
        String m = mac != null && !mac.isEmpty() ? mac : s == null ? null : emptyToNull(s.macAddress());
        if (n.isDefaultBridge()) {
            if (ip != null) throw BerthException.invalid("user specified IP address is supported on user defined networks only");
            if (!aliases.isEmpty()) throw BerthException.invalid("network-scoped alias is supported only for containers in user defined networks");
        }
        if (ip != null && !dev.berth.network.ipam.Subnet.parse(n.subnet()).contains(Addresses.parse(ip)))
            throw BerthException.invalid("no configured subnet or ip-range contain the IP address %s", ip);
        if (m != null) MacAddresses.parse(m);
        return new Membership(n.id(), aliases, ip, m, s == null || s.links() == null ? List.of() : s.links());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public String modeOf(String containerId) {
        Attachment a = attachments.get(containerId);
        return a == null ? NetworkService.DEFAULT : a.mode();
    }

    /** rm: the sandbox (if any) and the record go. */
    public void forget(String containerId) {
        tearDown(containerId);
        attachments.remove(containerId);
        store.deleteAttachment(containerId);
        locks.remove(containerId);
    }

    /**
     * Start: builds the sandbox and writes the container's hosts and resolv.conf. Returns the netns
     * file the container must join, or null when its mode has no sandbox of ours (host, none, container:).
     */
    public Path setUp(SandboxSpec spec) {
        String id = spec.containerId();
        synchronized (lock(id)) {
            Attachment a = attachments.get(id);
            if (a == null) throw BerthException.notFound("no network settings for container %s", id);
            if (!ownsSandbox(a.mode())) return null;
            if (a.sandbox() != null) tearDown(id);
            a = resolveNetworks(a);
            Path netns = options.netnsDir().resolve(id);
            List<LiveEndpoint> eps = new ArrayList<>();
            List<Published> published = List.of();
            Attachment.Sandbox sb = null;
            try {
                Files.createDirectories(options.netnsDir());
                BridgeLinks.deleteNetns(netns);
                BridgeLinks.createNetns(netns);
                boolean routed = false;
                registry.plugging().lock();
                try {
                    for (int i = 0; i < a.networks().size(); i++) {
                        Membership m = a.networks().get(i);
                        LiveEndpoint e = plug(netns, m, "eth" + i, !routed);
                        eps.add(e);
                        NetworkRecord n = registry.byId(e.networkId());
                        if (!n.internal()) routed = true;
                    }
                    // Visible to network rm's activeOn before the lock goes (the sandbox is completed below).
                    attachments.put(id, a.withSandbox(new Attachment.Sandbox(netns.toString(), eps, List.of(), false, List.of())));
                } finally {
                    registry.plugging().unlock();
                }
                // Disconnected from every network while stopped: it starts with loopback only, as Docker's does.
                if (!eps.isEmpty()) published = ports.publish(id, spec, eps.get(0).ip());
                SandboxFiles.Resolv resolv = SandboxFiles.resolv(spec, options, usesEmbeddedDns(a));
                sb = new Attachment.Sandbox(netns.toString(), eps, published, resolv.embedded(), resolv.upstreams());
                Attachment next = a.withSandbox(sb);
                attachments.put(id, next);
                if (sb.dns()) dns.start(id, netns, new NameTable(id, attachments, registry, containers), () -> upstreams(id));
                SandboxFiles.writeHosts(spec, hostEntries(next), linkEntries(spec), eps.isEmpty() ? null : gatewayOf(eps.get(0)));
                SandboxFiles.write(spec.resolvConfFile(), resolv.content());
                store.save(next);
                if (!published.isEmpty()) {
                    firewall.apply(registry::all, this::published);
                    forgetUdpFlows(published);
                }
                return netns;
            } catch (RuntimeException | java.io.IOException e) {
                dns.stop(id);
                ports.release(id);
                for (LiveEndpoint ep : eps) unplug(ep);
                BridgeLinks.deleteNetns(netns);
                attachments.put(id, a.withSandbox(null));
                if (!published.isEmpty()) safeApply();
                if (e instanceof RuntimeException re) throw re;
                throw BerthException.internal("set up the network of " + id + ": " + e.getMessage(), e);
            }
        }
    }

    /** Memberships still naming a network created after the container: its id is known now, keep that. */
    private Attachment resolveNetworks(Attachment a) {
        List<Membership> out = new ArrayList<>();
        boolean changed = false;
        for (Membership m : a.networks()) {
            if (registry.byId(m.networkId()) == null) {
                NetworkRecord n = registry.find(m.networkId());
                m = new Membership(n.id(), m.aliases(), m.ipv4(), m.mac(), m.links());
                changed = true;
            }
            out.add(m);
        }
        if (!changed) return a;
        Attachment next = new Attachment(a.containerId(), a.mode(), out, a.sandbox());
        attachments.put(a.containerId(), next);
        store.save(next);
        return next;
    }

    private boolean usesEmbeddedDns(Attachment a) {
        for (Membership m : a.networks()) {
            NetworkRecord n = registry.byId(m.networkId());
            if (n != null && !n.isDefaultBridge()) return true;
        }
        return false;
    }

    private LiveEndpoint plug(Path netns, Membership m, String ifName, boolean defaultRoute) {
        NetworkRecord n = registry.byId(m.networkId());
        if (n == null) n = registry.find(m.networkId());
        InetAddress ip = registry.allocate(n.id(), m.ipv4() == null ? null : Addresses.parse(m.ipv4()));
        try {
            String mac = m.mac() != null ? m.mac() : MacAddresses.fromIp((Inet4Address) ip);
            String veth = BridgeLinks.vethName();
            int prefix = dev.berth.network.ipam.Subnet.parse(n.subnet()).prefix();
            InetAddress gw = defaultRoute && !n.internal() ? Addresses.parse(n.gateway()) : null;
            links.attach(netns, veth, ifName, n.bridge(), ip, prefix, mac, gw);
            return new LiveEndpoint(n.id(), newEndpointId(), ifName, veth, ip.getHostAddress(), prefix, n.gateway(), mac);
        } catch (RuntimeException e) {
            registry.release(n.id(), ip);
            throw e;
        }
    }

    private void unplug(LiveEndpoint e) {
        try {
            links.detach(e.hostVeth());
        } catch (RuntimeException ex) {
            LOG.warning("remove " + e.hostVeth() + ": " + ex.getMessage());
        }
        registry.release(e.networkId(), Addresses.parse(e.ip()));
    }

    private static String newEndpointId() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private InetAddress gatewayOf(LiveEndpoint e) {
        return e.gateway() == null ? null : Addresses.parse(e.gateway());
    }

    private List<InetSocketAddress> upstreams(String id) {
        Attachment a = attachments.get(id);
        if (a == null || a.sandbox() == null) return List.of();
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : a.sandbox().upstreams()) out.add(new InetSocketAddress(Addresses.parse(s), 53));
        return out;
    }

    /** The container's own addresses for its /etc/hosts, in network order. */
    private static List<String> hostEntries(Attachment a) {
        List<String> out = new ArrayList<>();
        if (a.sandbox() != null) for (LiveEndpoint e : a.sandbox().endpoints()) out.add(e.ip());
        return out;
    }

    /** Legacy --link NAME[:ALIAS] entries: "IP alias name" for running containers on the default bridge. */
    private Map<String, List<String>> linkEntries(SandboxSpec spec) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : spec.links()) {
            String[] p = l.split(":", 2);
            String target = p[0].startsWith("/") ? p[0].substring(1) : p[0];
            String alias = p.length > 1 ? p[1].substring(p[1].lastIndexOf('/') + 1) : target;
            String tid = containers.idOf(target);
            if (tid == null) throw BerthException.invalid("could not get container for %s", target);
            Attachment t = attachments.get(tid);
            if (t == null || t.sandbox() == null || t.sandbox().endpoints().isEmpty())
                throw BerthException.invalid("cannot link to a non running container: /%s AS /%s", target, alias);
            String ip = t.sandbox().endpoints().get(0).ip();
            List<String> names = new ArrayList<>(List.of(alias));
            if (!alias.equals(target)) names.add(target);
            names.add(tid.substring(0, 12));
            out.put(ip, names);
        }
        return out;
    }

    /** Exit or stop: unplug, release, stop serving; idempotent. */
    public void tearDown(String containerId) {
        synchronized (lock(containerId)) {
            Attachment a = attachments.get(containerId);
            if (a == null || a.sandbox() == null) return;
            dns.stop(containerId);
            ports.release(containerId);
            BridgeLinks.deleteNetns(Path.of(a.sandbox().netns()));
            // Deleting a veth waits for the kernel (an RCU grace period under the rtnl lock): off the
            // exit path. The namespace's end usually takes the pair with it first.
            List<String> veths = new ArrayList<>();
            for (LiveEndpoint e : a.sandbox().endpoints()) {
                registry.release(e.networkId(), Addresses.parse(e.ip()));
                veths.add(e.hostVeth());
            }
            links.detachLater(veths);
            Attachment next = a.withSandbox(null);
            attachments.put(containerId, next);
            store.save(next);
            if (!a.sandbox().ports().isEmpty()) {
                applyLater();
                List<Published> gone = a.sandbox().ports();
                // After the rules are gone: a client still sending must not re-create an entry to the dead address.
                Thread.ofVirtual().name("conntrack-gc").start(() -> {
                    safeApply();
                    forgetUdpFlows(gone);
                });
            }
        }
    }

    /** A removal's rules may go a moment later (an nft run costs ~20 ms): coalesced, rendered from the state of then. */
    private void applyLater() {
        if (!refreshQueued.compareAndSet(false, true)) return;
        Thread.ofVirtual().name("nft-refresh").start(() -> {
            refreshQueued.set(false);
            safeApply();
        });
    }

    /**
     * UDP "connections" keep their DNAT while packets flow: entries made for a port's previous owner
     * (or for nobody) would keep a sending client away from the container now behind it. Docker
     * flushes them the same way.
     */
    private static void forgetUdpFlows(List<Published> ports) {
        if (ports.stream().noneMatch(p -> p.proto().equals("udp"))) return;
        java.util.Set<Integer> udp = new java.util.HashSet<>();
        for (Published p : ports) if (p.proto().equals("udp")) udp.add(p.hostPort());
        try (dev.berth.netlink.Conntrack ct = dev.berth.netlink.Conntrack.open()) {
            ct.deleteUdpTo(udp);
        } catch (RuntimeException e) {
            LOG.warning("flush conntrack entries of published UDP ports: " + e.getMessage());
        }
    }

    private void safeApply() {
        try {
            firewall.apply(registry::all, this::published);
        } catch (RuntimeException e) {
            LOG.warning("update nftables table: " + e.getMessage());
        }
    }

    /** The port forwards of every running sandbox, for the firewall. */
    List<PortForward> published() {
        List<PortForward> out = new ArrayList<>();
        for (Attachment a : attachments.values()) {
            if (a.sandbox() == null) continue;
            for (Published p : a.sandbox().ports()) {
                // Only while the endpoint the port was published on is still there (a disconnect takes it away).
                NetworkRecord n = null;
                for (LiveEndpoint e : a.sandbox().endpoints()) if (e.ip().equals(p.containerIp())) n = registry.byId(e.networkId());
                if (n == null) continue;
                out.add(new PortForward(p.proto(), p.hostIp().equals("0.0.0.0") ? "" : p.hostIp(), p.hostPort(), p.containerIp(),
                        p.containerPort(), n.bridge()));
            }
        }
        out.sort(java.util.Comparator.comparing(PortForward::hostPort).thenComparing(PortForward::proto));
        return out;
    }

    public List<Published> ports(String containerId) {
        Attachment a = attachments.get(containerId);
        return a == null || a.sandbox() == null ? List.of() : a.sandbox().ports();
    }

    public String sandboxKey(String containerId) {
        Attachment a = attachments.get(containerId);
        return a == null || a.sandbox() == null ? "" : a.sandbox().netns();
    }

    boolean activeOn(String networkId) {
        for (Attachment a : attachments.values()) if (a.sandbox() != null && a.sandbox().endpoint(networkId) != null) return true;
        return false;
    }

    /** inspect's NetworkSettings.Networks: every network the container belongs to, with addresses while it runs. */
    public List<EndpointView> endpoints(String containerId) {
        Attachment a = attachments.get(containerId);
        if (a == null) return List.of();
        List<EndpointView> out = new ArrayList<>();
        for (Membership m : a.networks()) {
            NetworkRecord n = registry.byId(m.networkId());
            if (n == null) continue;
            LiveEndpoint e = a.sandbox() == null ? null : a.sandbox().endpoint(n.id());
            out.add(view(a, n, m, e));
        }
        return out;
    }

    private EndpointView view(Attachment a, NetworkRecord n, Membership m, LiveEndpoint e) {
        String name = containers.containerName(a.containerId());
        List<String> dnsNames = new ArrayList<>();
        if (!n.isDefaultBridge()) {
            if (name != null) dnsNames.add(name);
            dnsNames.addAll(m.aliases());
            dnsNames.add(a.containerId().substring(0, 12));
        }
        return new EndpointView(n.id(), n.name(), e == null ? "" : e.endpointId(), e == null ? "" : e.ip(), e == null ? 0 : e.prefix(),
                e == null ? "" : e.gateway(), e == null ? "" : e.mac(), m.aliases(), dnsNames, name);
    }

    /** network inspect's Containers: the running containers on a network. */
    Map<String, EndpointView> endpointsOn(String networkId) {
        Map<String, EndpointView> out = new LinkedHashMap<>();
        NetworkRecord n = registry.byId(networkId);
        if (n == null) return out;
        for (Attachment a : attachments.values()) {
            if (a.sandbox() == null) continue;
            LiveEndpoint e = a.sandbox().endpoint(networkId);
            if (e != null) out.put(a.containerId(), view(a, n, a.membership(networkId), e));
        }
        return out;
    }

    /** network connect: joins now if the container runs (a new ethN), else at its next start. */
    public void connect(String networkRef, String containerId, EndpointSettings settings, SandboxSpec spec) {
        NetworkRecord n = registry.find(networkRef);
        synchronized (lock(containerId)) {
            Attachment a = attachments.get(containerId);
            if (a == null) throw BerthException.notFound("No such container: %s", containerId);
            if (!ownsSandbox(a.mode())) {
                if (a.mode().equals(HOST) || n.name().equals(HOST))
                    throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "container cannot be disconnected from host network or connected to host network");
                throw new BerthException(BerthException.Kind.PERMISSION_DENIED,
                        "container sharing network namespace with another container or host cannot be connected to any other network");
            }
            if (!n.isBridge())
                throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "container cannot be disconnected from host network or connected to host network");
            if (a.membership(n.id()) != null)
                throw new BerthException(BerthException.Kind.PERMISSION_DENIED,
                        "endpoint with name " + containers.containerName(containerId) + " already exists in network " + n.name());
            Membership m = membership(n, settings, null);
            Attachment next = a.plus(m);
            if (a.sandbox() != null) {
                Path netns = Path.of(a.sandbox().netns());
                LiveEndpoint e;
                registry.plugging().lock();
                try {
                    e = plug(netns, m, nextIfName(a.sandbox()), false);
                    List<LiveEndpoint> visible = new ArrayList<>(a.sandbox().endpoints());
                    visible.add(e);
                    attachments.put(containerId, a.plus(m).withSandbox(a.sandbox().withEndpoints(visible)));
                } finally {
                    registry.plugging().unlock();
                }
                boolean dnsStarted = false;
                try {
                    List<LiveEndpoint> eps = new ArrayList<>(a.sandbox().endpoints());
                    eps.add(e);
                    next = next.withSandbox(a.sandbox().withEndpoints(eps));
                    if (!n.isDefaultBridge() && !dns.serving(containerId) && spec != null) {
                        // As libnetwork does when a sandbox gains a user network: the embedded DNS starts and resolv.conf points at it.
                        SandboxFiles.Resolv resolv = SandboxFiles.resolv(spec, options, true);
                        Attachment.Sandbox sb = next.sandbox();
                        next = next.withSandbox(new Attachment.Sandbox(sb.netns(), sb.endpoints(), sb.ports(), true, resolv.upstreams()));
                        attachments.put(containerId, next);
                        dns.start(containerId, netns, new NameTable(containerId, attachments, registry, containers), () -> upstreams(containerId));
                        dnsStarted = true;
                        SandboxFiles.write(spec.resolvConfFile(), resolv.content());
                    }
                    attachments.put(containerId, next);
                    rewriteHosts(next, spec);
                } catch (RuntimeException | java.io.IOException failure) {
                    // All or nothing: the container stays as it was, the new address and veth go.
                    if (dnsStarted) dns.stop(containerId);
                    unplug(e);
                    attachments.put(containerId, a);
                    if (failure instanceof RuntimeException re) throw re;
                    throw BerthException.internal("connect " + containerId + " to " + n.name() + ": " + failure.getMessage(), failure);
                }
            }
            attachments.put(containerId, next);
            store.save(next);
        }
    }

    private static String nextIfName(Attachment.Sandbox s) {
        for (int i = 0; ; i++) {
            String name = "eth" + i;
            if (s.endpoints().stream().noneMatch(e -> e.ifName().equals(name))) return name;
        }
    }

    public void disconnect(String networkRef, String containerId, boolean force, SandboxSpec spec) {
        NetworkRecord n = registry.find(networkRef);
        synchronized (lock(containerId)) {
            Attachment a = attachments.get(containerId);
            if (a == null) throw BerthException.notFound("No such container: %s", containerId);
            if (a.membership(n.id()) == null) {
                if (!ownsSandbox(a.mode()) && n.name().equals(a.mode()) && a.mode().equals(HOST))
                    throw new BerthException(BerthException.Kind.PERMISSION_DENIED, "container cannot be disconnected from host network or connected to host network");
                throw new BerthException(BerthException.Kind.PERMISSION_DENIED,
                        "container " + containerId + " is not connected to network " + n.name());
            }
            LiveEndpoint e = a.sandbox() == null ? null : a.sandbox().endpoint(n.id());
            Attachment next = a.minus(n.id());
            if (e != null) unplug(e);
            attachments.put(containerId, next);
            if (next.sandbox() != null) rewriteHosts(next, spec);
            store.save(next);
            // Published ports follow the first endpoint: gone with it, they must not point at its released address.
            if (e != null && a.sandbox() != null && !a.sandbox().ports().isEmpty()) safeApply();
        }
    }

    private void rewriteHosts(Attachment a, SandboxSpec spec) {
        if (spec == null) return;
        try {
            LiveEndpoint first = a.sandbox().endpoints().isEmpty() ? null : a.sandbox().endpoints().get(0);
            SandboxFiles.writeHosts(spec, hostEntries(a), Map.of(), first == null ? null : gatewayOf(first));
        } catch (java.io.IOException e) {
            throw BerthException.internal("update the hosts file of " + a.containerId() + ": " + e.getMessage(), e);
        }
    }

    /** Daemon start: adopts sandboxes of containers that kept running (addresses, ports, DNS); drops broken ones. */
    void restore(List<Attachment> saved) {
        for (Attachment a : saved) {
            attachments.put(a.containerId(), a);
            Attachment.Sandbox s = a.sandbox();
            if (s == null) continue;
            if (!Files.exists(Path.of(s.netns()))) {
                for (LiveEndpoint e : s.endpoints()) links.detach(e.hostVeth());
                Attachment next = a.withSandbox(null);
                attachments.put(a.containerId(), next);
                store.save(next);
                continue;
            }
            for (LiveEndpoint e : s.endpoints()) {
                try {
                    registry.allocate(e.networkId(), Addresses.parse(e.ip()));
                } catch (RuntimeException ex) {
                    LOG.warning("restore address " + e.ip() + " of " + a.containerId() + ": " + ex.getMessage());
                }
            }
            ports.restore(a.containerId(), s.ports());
            if (s.dns()) {
                try {
                    dns.start(a.containerId(), Path.of(s.netns()), new NameTable(a.containerId(), attachments, registry, containers),
                            () -> upstreams(a.containerId()));
                } catch (RuntimeException ex) {
                    LOG.warning("restore the embedded DNS of " + a.containerId() + ": " + ex.getMessage());
                }
            }
        }
        removeOrphans();
    }

    /** Netns files and veths on our bridges that no sandbox owns: left by a crash mid-set-up. */
    private void removeOrphans() {
        java.util.Set<String> netns = new java.util.HashSet<>(), veths = new java.util.HashSet<>();
        for (Attachment a : attachments.values()) {
            if (a.sandbox() == null) continue;
            netns.add(Path.of(a.sandbox().netns()).getFileName().toString());
            for (LiveEndpoint e : a.sandbox().endpoints()) veths.add(e.hostVeth());
        }
        if (Files.isDirectory(options.netnsDir())) {
            try (var s = Files.list(options.netnsDir())) {
                for (Path p : s.toList()) if (!netns.contains(p.getFileName().toString())) BridgeLinks.deleteNetns(p);
            } catch (java.io.IOException e) {
                LOG.warning("list " + options.netnsDir() + ": " + e.getMessage());
            }
        }
        java.util.Set<String> bridges = new java.util.HashSet<>();
        for (NetworkRecord n : registry.all()) if (n.isBridge()) bridges.add(n.bridge());
        links.removeVethsExcept(bridges, veths);
    }

    /** Daemon shutdown: stop serving DNS (the sockets close; a new berthd reopens them). */
    void stopServing() {
        dns.close();
        ports.closeAll();
    }

    /** Whether any container still has a sandbox (the nftables table must then stay). */
    public boolean anyRunning() {
        for (Attachment a : attachments.values()) if (a.sandbox() != null) return true;
        return false;
    }
}
