package dev.berth.network.ipam;

import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.berth.network.ipam.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SubnetPoolTest {
    private static final SubnetPool DEFAULTS = SubnetPool.dockerDefaults();

    @Test
    void firstPickIs172_17() {
        assertEquals("172.17.0.0/16", DEFAULTS.pick(List.of(), List.of()).toString());
    }

    @Test
    void skipsSubnetsInUseAndHostRoutesButNotTheDefaultRoute() {
        List<Subnet> inUse = List.of(Subnet.parse("172.17.0.0/16"), Subnet.parse("172.19.5.0/24"));
        List<Subnet> routes = List.of(Subnet.parse("0.0.0.0/0"), Subnet.parse("172.18.0.0/16"),
                Subnet.parse("172.20.0.0/14"));
        // 172.20-172.23 are covered by the /14 route.
        assertEquals("172.24.0.0/16", DEFAULTS.pick(inUse, routes).toString());
    }

    @Test
    void after172sComeThe192_168Slash20s() {
        List<Subnet> inUse = new ArrayList<>();
        for (int i = 17; i <= 31; i++) {
            inUse.add(Subnet.parse("172." + i + ".0.0/16"));
        }
        assertEquals("192.168.0.0/20", DEFAULTS.pick(inUse, List.of()).toString());
        inUse.add(Subnet.parse("192.168.0.0/20"));
        assertEquals("192.168.16.0/20", DEFAULTS.pick(inUse, List.of(Subnet.parse("192.168.40.0/24"))).toString());
        inUse.add(Subnet.parse("192.168.16.0/20"));
        assertEquals("192.168.64.0/20", DEFAULTS.pick(inUse, List.of(Subnet.parse("192.168.32.0/19"))).toString());
    }

    @Test
    void exhaustionGivesDockersText() {
        List<Subnet> routes = List.of(Subnet.parse("172.16.0.0/12"), Subnet.parse("192.168.0.0/16"));
        expect(Kind.FAILED_PRECONDITION,
                "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network",
                () -> DEFAULTS.pick(List.of(), routes));
    }

    @Test
    void configuredPoolsLikeDefaultAddressPoolFlag() {
        SubnetPool pool = new SubnetPool(List.of(SubnetPool.Pool.of("10.10.0.0/16", 24)));
        assertEquals("10.10.0.0/24", pool.pick(List.of(), List.of()).toString());
        assertEquals("10.10.2.0/24", pool.pick(List.of(Subnet.parse("10.10.0.0/23")), List.of()).toString());
        expect(Kind.INVALID_ARGUMENT, "invalid pools size: 8 (base 10.10.0.0/16)", () -> SubnetPool.Pool.of("10.10.0.0/16", 8));
    }

    @Test
    void userSubnetOverlapGivesDockersText() {
        List<Subnet> inUse = List.of(Subnet.parse("10.0.0.0/16"));
        expect(Kind.CONFLICT, "Pool overlaps with other one on this address space",
                () -> SubnetPool.requireNoOverlap(Subnet.parse("10.0.5.0/24"), inUse));
        SubnetPool.requireNoOverlap(Subnet.parse("10.1.0.0/24"), inUse);
    }
}
