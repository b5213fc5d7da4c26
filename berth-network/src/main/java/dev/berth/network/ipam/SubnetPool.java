package dev.berth.network.ipam;

import dev.berth.common.BerthException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The local address pools networks without a {@code --subnet} get their subnet from, like dockerd's
 * {@code --default-address-pool base=...,size=...}. Each pool's base is cut into blocks of {@code size} bits,
 * tried in order; the first block that overlaps neither an existing network nor a host route is picked.
 */
public final class SubnetPool {
    /** One {@code --default-address-pool}: {@code base} cut into blocks of prefix length {@code size}. */
    public record Pool(Subnet base, int size) {
        public Pool {
            if (base == null) {
                throw BerthException.invalid("invalid default address pool: no base");
            }
            if (size < base.prefix() || size > 32) {
                throw BerthException.invalid("invalid pools size: %d (base %s)", size, base);
            }
        }

        public static Pool of(String base, int size) {
            return new Pool(Subnet.parse(base), size);
        }

        long blocks() {
            return 1L << (size - base.prefix());
        }

        Subnet block(long i) {
            return new Subnet(Ipv4.fromLong(base.first() + (i << (32 - size))), size);
        }
    }

    private final List<Pool> pools;

    public SubnetPool(List<Pool> pools) {
        if (pools == null || pools.isEmpty()) {
            throw BerthException.invalid("at least one default address pool is required");
        }
        this.pools = List.copyOf(pools);
    }

    /** Docker's local defaults: 172.17.0.0/16 … 172.31.0.0/16 as /16s, then 192.168.0.0/16 as /20s. */
    public static SubnetPool dockerDefaults() {
        List<Pool> pools = new ArrayList<>();
        for (int second = 17; second <= 31; second++) {
            pools.add(Pool.of("172." + second + ".0.0/16", 16));
        }
        pools.add(Pool.of("192.168.0.0/16", 20));
        return new SubnetPool(pools);
    }

    public List<Pool> pools() {
        return pools;
    }

    /**
     * The first pool block that overlaps no subnet in {@code inUse} and no route in {@code hostRoutes}. Default
     * routes (prefix 0) are ignored, as Docker only compares routes that have a destination.
     */
    public Subnet pick(Collection<Subnet> inUse, Collection<Subnet> hostRoutes) {
        List<Subnet> taken = new ArrayList<>(inUse);
        for (Subnet r : hostRoutes) {
            if (r.prefix() > 0) {
                taken.add(r);
            }
        }
        for (Pool pool : pools) {
            for (long i = 0; i < pool.blocks(); i++) {
                Subnet candidate = pool.block(i);
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return candidate;
                }
            }
        }
        throw new BerthException(BerthException.Kind.FAILED_PRECONDITION,
                "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }

    /** For a user {@code --subnet}: Docker's {@code Pool overlaps with other one on this address space} on overlap. */
    public static void requireNoOverlap(Subnet wanted, Collection<Subnet> inUse) {
        for (Subnet s : inUse) {
            if (s.overlaps(wanted)) {
                throw BerthException.conflict("Pool overlaps with other one on this address space");
            }
        }
    }
}
