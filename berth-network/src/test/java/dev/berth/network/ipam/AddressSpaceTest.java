package dev.berth.network.ipam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.berth.network.ipam.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressSpaceTest {
    private static AddressSpace space(String subnet, String range, String gateway) {
        return AddressSpace.create("mynet", "abc123", IpamConfig.parse(subnet, range, gateway));
    }

    private static String next(AddressSpace s) {
        return s.allocate().getHostAddress();
    }

    @Test
    void gatewayDefaultsToFirstHostAndContainersFollow() {
        AddressSpace s = space("172.18.0.0/16", null, null);
        assertEquals("172.18.0.1", s.gateway().getHostAddress());
        assertEquals("172.18.0.2", next(s));
        assertEquals("172.18.0.3", next(s));
        assertTrue(s.isAllocated(Ipv4.parse("172.18.0.1")));
        assertEquals(2, s.allocatedCount());
    }

    @Test
    void roundRobinDoesNotReuseAJustReleasedAddress() {
        AddressSpace s = space("10.0.0.0/24", null, null);
        assertEquals("10.0.0.2", next(s));
        assertEquals("10.0.0.3", next(s));
        s.release(Ipv4.parse("10.0.0.2"));
        assertEquals("10.0.0.4", next(s));
        assertFalse(s.isAllocated(Ipv4.parse("10.0.0.2")));
    }

    @Test
    void slash29HoldsFiveContainersThenFailsWithDockersText() {
        AddressSpace s = space("192.168.7.0/29", null, null);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(next(s));
        }
        assertEquals(List.of("192.168.7.2", "192.168.7.3", "192.168.7.4", "192.168.7.5", "192.168.7.6"), got);
        expect(Kind.FAILED_PRECONDITION, "no available IPv4 addresses on this network's address pools: mynet (abc123)",
                s::allocate);
        // Wrapping: after a release the freed address is found again past the end.
        s.release(Ipv4.parse("192.168.7.3"));
        assertEquals("192.168.7.3", next(s));
    }

    @Test
    void explicitGatewayDoesNotMoveTheCursor() {
        AddressSpace s = space("10.5.0.0/24", null, "10.5.0.254");
        assertEquals("10.5.0.254", s.gateway().getHostAddress());
        assertEquals("10.5.0.1", next(s));
        expect(Kind.CONFLICT, "Address already in use", () -> s.allocate(Ipv4.parse("10.5.0.254")));
    }

    @Test
    void ipRangeBoundsDynamicAllocationsButNotStaticOnes() {
        AddressSpace s = space("10.1.0.0/16", "10.1.5.0/30", null);
        // Only the subnet's network and broadcast addresses are reserved, not the range's (as libnetwork).
        assertEquals("10.1.5.0", s.gateway().getHostAddress());
        assertEquals("10.1.5.1", next(s));
        assertEquals("10.1.5.2", next(s));
        assertEquals("10.1.5.3", next(s));
        expect(Kind.FAILED_PRECONDITION, "no available IPv4 addresses on this network's address pools: mynet (abc123)",
                s::allocate);
        assertEquals("10.1.9.9", s.allocate(Ipv4.parse("10.1.9.9")).getHostAddress());
    }

    @Test
    void staticAllocationErrorsAreDockers() throws Exception {
        AddressSpace s = space("10.2.0.0/24", null, null);
        assertEquals("10.2.0.50", s.allocate(Ipv4.parse("10.2.0.50")).getHostAddress());
        expect(Kind.CONFLICT, "Address already in use", () -> s.allocate(Ipv4.parse("10.2.0.50")));
        expect(Kind.CONFLICT, "Address already in use", () -> s.allocate(Ipv4.parse("10.2.0.1")));
        expect(Kind.CONFLICT, "Address already in use", () -> s.allocate(Ipv4.parse("10.2.0.0")));
        expect(Kind.CONFLICT, "Address already in use", () -> s.allocate(Ipv4.parse("10.2.0.255")));
        expect(Kind.INVALID_ARGUMENT, "no configured subnet or ip-range contain the IP address 10.3.0.5",
                () -> s.allocate(Ipv4.parse("10.3.0.5")));
        expect(Kind.UNSUPPORTED, "invalid address fd00:0:0:0:0:0:0:1: IPv6 is not supported yet",
                () -> s.allocate(InetAddress.getByName("fd00::1")));
        // A static address does not move the dynamic cursor.
        assertEquals("10.2.0.2", next(s));
    }

    @Test
    void configErrorsAreDockers() {
        expect(Kind.INVALID_ARGUMENT,
                "invalid network config:\ninvalid gateway 10.9.0.1: parent subnet 10.8.0.0/24 doesn't contain this address",
                () -> space("10.8.0.0/24", null, "10.9.0.1"));
        expect(Kind.INVALID_ARGUMENT,
                "invalid network config:\ninvalid ip-range 10.9.0.0/24: parent subnet 10.8.0.0/24 doesn't contain ip-range",
                () -> space("10.8.0.0/24", "10.9.0.0/24", null));
        expect(Kind.INVALID_ARGUMENT,
                "invalid network config:\ninvalid ip-range 10.0.0.0/8: CIDR block is bigger than its parent subnet 10.8.0.0/24",
                () -> space("10.8.0.0/24", "10.0.0.0/8", null));
        expect(Kind.INVALID_ARGUMENT, "invalid network config:\ninvalid subnet 10.8.0.1/24: it should be 10.8.0.0/24",
                () -> space("10.8.0.1/24", null, null));
        expect(Kind.INVALID_ARGUMENT, "invalid network config:\ninvalid subnet bogus: invalid CIDR block notation",
                () -> space("bogus", null, null));
        expect(Kind.INVALID_ARGUMENT, "invalid network config:\ninvalid gateway nope: invalid address",
                () -> space("10.8.0.0/24", null, "nope"));
    }

    @Test
    void snapshotSurvivesJsonAndRestoreKeepsStateAndCursor() throws Exception {
        AddressSpace s = space("10.4.0.0/24", "10.4.0.0/25", null);
        next(s);
        next(s);
        next(s);
        s.allocate(Ipv4.parse("10.4.0.200"));
        s.release(Ipv4.parse("10.4.0.3"));
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(s.snapshot());
        AddressSpace.Snapshot back = mapper.readValue(json, AddressSpace.Snapshot.class);
        assertEquals(s.snapshot(), back);
        AddressSpace r = AddressSpace.restore(back);
        assertEquals("10.4.0.1", r.gateway().getHostAddress());
        assertEquals(Subnet.parse("10.4.0.0/25"), r.ipRange());
        assertTrue(r.isAllocated(Ipv4.parse("10.4.0.2")));
        assertFalse(r.isAllocated(Ipv4.parse("10.4.0.3")));
        assertTrue(r.isAllocated(Ipv4.parse("10.4.0.200")));
        expect(Kind.CONFLICT, "Address already in use", () -> r.allocate(Ipv4.parse("10.4.0.4")));
        // Cursor restored: continues after .4 instead of reusing .3.
        assertEquals("10.4.0.5", next(r));
        assertEquals(4, r.allocatedCount());
    }

    @Test
    void freshSnapshotHasNoCursor() {
        AddressSpace s = space("10.6.0.0/24", null, "10.6.0.1");
        assertNull(s.snapshot().last());
        assertEquals(List.of(), s.snapshot().allocated());
        assertEquals("10.6.0.1", s.snapshot().gateway());
    }
}
