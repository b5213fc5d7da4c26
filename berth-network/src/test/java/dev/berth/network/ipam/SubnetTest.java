package dev.berth.network.ipam;

import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

import static dev.berth.network.ipam.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetTest {
    @Test
    void parsesAndNormalisesToTheNetworkAddress() {
        Subnet s = Subnet.parse("10.1.2.3/24");
        assertEquals("10.1.2.0/24", s.toString());
        assertEquals(24, s.prefix());
        assertEquals(Subnet.parse("10.1.2.0/24"), s);
        assertEquals("0.0.0.0/0", Subnet.parse("1.2.3.4/0").toString());
        assertEquals("1.2.3.4/32", Subnet.parse("1.2.3.4/32").toString());
    }

    @Test
    void refusesBadCidrWithDockersText() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0/24", "10.0.0.256/24", "x/8", "10.0.0.0/",
                "10.0.0.0/-1", "010.0.0.0/8", "10.0.0.0/24/1"}) {
            expect(Kind.INVALID_ARGUMENT, "invalid CIDR address: " + bad, () -> Subnet.parse(bad));
        }
        expect(Kind.UNSUPPORTED, "invalid subnet fd00::/64: IPv6 is not supported yet", () -> Subnet.parse("fd00::/64"));
    }

    @Test
    void strictParseRefusesHostBitsLikeNetworkCreate() {
        expect(Kind.INVALID_ARGUMENT, "invalid subnet 10.1.2.3/24: it should be 10.1.2.0/24",
                () -> Subnet.parseStrict("10.1.2.3/24"));
        assertEquals("10.1.2.0/24", Subnet.parseStrict("10.1.2.0/24").toString());
    }

    @Test
    void sizesAndAddresses() {
        Subnet s = Subnet.parse("192.168.1.0/29");
        assertEquals(8, s.size());
        assertEquals(6, s.hostCount());
        assertEquals("192.168.1.0", s.addressAt(0).getHostAddress());
        assertEquals("192.168.1.5", s.addressAt(5).getHostAddress());
        assertEquals("192.168.1.7", s.broadcast().getHostAddress());
        assertEquals(5, s.indexOf(Ipv4.parse("192.168.1.5")));
        expect(Kind.INVALID_ARGUMENT, "index 8 is outside subnet 192.168.1.0/29 (8 addresses)", () -> s.addressAt(8));
        assertEquals(2, Subnet.parse("10.0.0.0/31").hostCount());
        assertEquals(1, Subnet.parse("10.0.0.1/32").hostCount());
        assertEquals(4294967296L, Subnet.parse("0.0.0.0/0").size());
        assertEquals("255.255.255.255", Subnet.parse("0.0.0.0/0").broadcast().getHostAddress());
    }

    @Test
    void containsAndOverlaps() {
        Subnet s16 = Subnet.parse("172.17.0.0/16");
        assertTrue(s16.contains(Ipv4.parse("172.17.255.255")));
        assertFalse(s16.contains(Ipv4.parse("172.18.0.0")));
        assertTrue(s16.overlaps(Subnet.parse("172.17.3.0/24")));
        assertTrue(Subnet.parse("172.17.3.0/24").overlaps(s16));
        assertTrue(Subnet.parse("172.16.0.0/12").overlaps(s16));
        assertFalse(s16.overlaps(Subnet.parse("172.18.0.0/16")));
        assertTrue(s16.contains(Subnet.parse("172.17.3.0/24")));
        assertFalse(Subnet.parse("172.17.3.0/24").contains(s16));
        assertTrue(Subnet.parse("0.0.0.0/0").overlaps(s16));
    }

    @Test
    void ipv4LiteralParsingNeverAcceptsNames() {
        expect(Kind.INVALID_ARGUMENT, "invalid IP address: localhost", () -> Ipv4.parse("localhost"));
        expect(Kind.INVALID_ARGUMENT, "invalid IP address: 1.2.3", () -> Ipv4.parse("1.2.3"));
        assertEquals(null, Ipv4.parseLiteral("example.com"));
        assertEquals(null, Ipv4.parseLiteral("zz::1"));
        assertEquals("0:0:0:0:0:0:0:1", Ipv4.parseLiteral("::1").getHostAddress());
        assertEquals(0xC0A80001L, Ipv4.toLong(Ipv4.parse("192.168.0.1")));
    }
}
