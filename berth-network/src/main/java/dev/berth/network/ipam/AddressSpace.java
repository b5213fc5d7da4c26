package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.TreeSet;

/**
 * The address management of one network: which addresses of its subnet are handed out.
 *
 * <p>Lifecycle: {@link #create} reserves the gateway (given, or the first free address of the dynamic range, which
 * moves the cursor like Docker's serial allocator); {@link #allocate()} hands out the next free address after the
 * last one handed out, wrapping at the end of the range, so a just-released address is not reused at once;
 * {@link #allocate(InetAddress)} reserves a wanted address (anywhere in the subnet, even outside the ip-range, as
 * Docker allows); {@link #release} frees one. {@link #snapshot()} / {@link #restore} persist the state across daemon
 * restarts. The network address and broadcast (for prefixes up to /30) and the gateway are never handed out.
 * Thread-safe (each method is atomic); the network name and id only appear in the exhaustion message.
 */
public final class AddressSpace {
    /** Persistent form, plain strings for Jackson. {@code allocated} excludes the gateway; {@code last} may be null. */
    public record Snapshot(String networkName, String networkId, String subnet, String ipRange, String gateway,
                           List<String> allocated, String last) {
        public Snapshot {
            allocated = allocated == null ? List.of() : List.copyOf(allocated);
        }
    }

    private final String networkName;
    private final String networkId;
    private final IpamConfig config;
    private final Inet4Address gateway;
    private final TreeSet<Long> allocated = new TreeSet<>();
    private final long rangeFirst;
    private final long rangeLast;
    /** Subnet index of the last dynamic allocation; -1 before the first. */
    private long cursor = -1;

    private AddressSpace(String networkName, String networkId, IpamConfig config, Inet4Address gateway) {
        this.networkName = networkName;
        this.networkId = networkId;
        this.config = config;
        Subnet subnet = config.subnet();
        Subnet range = config.dynamicRange();
        long first = Math.max(subnet.indexOf(range.network()), 0);
        long last = subnet.indexOf(range.broadcast());
        if (subnet.prefix() <= 30) {
            first = Math.max(first, 1);
            last = Math.min(last, subnet.size() - 2);
        }
        this.rangeFirst = first;
        this.rangeLast = last;
        if (gateway == null) {
            long index = next();
            allocated.remove(index);
            gateway = subnet.addressAt(index);
        } else if (isReserved(subnet.indexOf(gateway))) {
            throw BerthException.invalid("invalid gateway %s: it is the network or broadcast address of %s",
                    gateway.getHostAddress(), subnet);
        }
        this.gateway = gateway;
    }

    /** A fresh address space; the network name and id only appear in Docker's exhaustion message. */
    public static AddressSpace create(String networkName, String networkId, IpamConfig config) {
        if (networkName == null || networkName.isEmpty() || networkId == null || networkId.isEmpty()) {
            throw BerthException.invalid("address space needs a network name and id");
        }
        if (config == null) {
            throw BerthException.invalid("address space of network %s needs an IPAM config", networkName);
        }
        return new AddressSpace(networkName, networkId, config, config.gateway());
    }

    public static AddressSpace restore(Snapshot s) {
        IpamConfig config = IpamConfig.parse(s.subnet(), s.ipRange(), s.gateway());
        AddressSpace space = create(s.networkName(), s.networkId(), config);
        for (String ip : s.allocated()) {
            space.allocate(Ipv4.parse(ip));
        }
        if (s.last() != null && !s.last().isEmpty()) {
            space.cursor = config.subnet().indexOf(Ipv4.parse(s.last()));
        }
        return space;
    }

    public synchronized Snapshot snapshot() {
        Subnet subnet = config.subnet();
        return new Snapshot(networkName, networkId, subnet.toString(),
                config.ipRange() == null ? null : config.ipRange().toString(), gateway.getHostAddress(),
                allocated.stream().map(i -> subnet.addressAt(i).getHostAddress()).toList(),
                cursor < 0 ? null : subnet.addressAt(cursor).getHostAddress());
    }

    /**
     * The next free address of the dynamic range after the last one handed out. When none is left: Docker's
     * {@code no available IPv4 addresses on this network's address pools: NAME (ID)}.
     */
    public synchronized Inet4Address allocate() {
        return config.subnet().addressAt(next());
    }

    /**
     * Reserves {@code wanted}. Outside the subnet: {@code no configured subnet or ip-range contain the IP address X};
     * taken, gateway, network or broadcast address: {@code Address already in use}.
     */
    public synchronized Inet4Address allocate(InetAddress wanted) {
        Subnet subnet = config.subnet();
        if (wanted == null) {
            throw BerthException.invalid("no address requested on network %s", networkName);
        }
        if (!subnet.contains(wanted)) {
            if (!(wanted instanceof Inet4Address)) {
                Ipv4.require(wanted);
            }
            throw BerthException.invalid("no configured subnet or ip-range contain the IP address %s",
                    wanted.getHostAddress());
        }
        Inet4Address v4 = (Inet4Address) wanted;
        long index = subnet.indexOf(v4);
        if (v4.equals(gateway) || isReserved(index) || !allocated.add(index)) {
            throw BerthException.conflict("Address already in use");
        }
        return v4;
    }

    /** Frees an address; unknown or never-allocated addresses (and the gateway) are ignored. */
    public synchronized void release(InetAddress address) {
        if (address instanceof Inet4Address v4 && config.subnet().contains(v4) && !v4.equals(gateway)) {
            allocated.remove(config.subnet().indexOf(v4));
        }
    }

    public synchronized boolean isAllocated(InetAddress address) {
        return address instanceof Inet4Address v4 && config.subnet().contains(v4)
                && (v4.equals(gateway) || allocated.contains(config.subnet().indexOf(v4)));
    }

    public Subnet subnet() {
        return config.subnet();
    }

    public Subnet ipRange() {
        return config.ipRange();
    }

    public Inet4Address gateway() {
        return gateway;
    }

    /** Addresses handed out to endpoints (the gateway not counted). */
    public synchronized int allocatedCount() {
        return allocated.size();
    }

    private long next() {
        long span = rangeLast - rangeFirst + 1;
        long start = cursor < rangeFirst || cursor > rangeLast ? rangeLast : cursor;
        for (long step = 1; step <= span; step++) {
            long candidate = rangeFirst + Math.floorMod(start - rangeFirst + step, span);
            if (!allocated.contains(candidate) && !isGatewayIndex(candidate)) {
                allocated.add(candidate);
                cursor = candidate;
                return candidate;
            }
        }
        throw new BerthException(BerthException.Kind.FAILED_PRECONDITION, String.format(
                "no available IPv4 addresses on this network's address pools: %s (%s)", networkName, networkId));
    }

    private boolean isGatewayIndex(long index) {
        return gateway != null && config.subnet().indexOf(gateway) == index;
    }

    private boolean isReserved(long index) {
        Subnet subnet = config.subnet();
        return subnet.prefix() <= 30 && (index == 0 || index == subnet.size() - 1);
    }
}
