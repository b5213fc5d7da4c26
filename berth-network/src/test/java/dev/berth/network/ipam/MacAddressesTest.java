package dev.berth.network.ipam;

import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

import static dev.berth.network.ipam.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MacAddressesTest {
    @Test
    void generatedFromTheIpv4AddressLikeDocker() {
        assertEquals("02:42:ac:11:00:02", MacAddresses.fromIp(Ipv4.parse("172.17.0.2")));
        assertEquals("02:42:c0:a8:ff:fe", MacAddresses.fromIp(Ipv4.parse("192.168.255.254")));
    }

    @Test
    void parsesAndNormalises() {
        assertEquals("02:42:ac:11:00:02", MacAddresses.parse("02-42-AC-11-00-02"));
        assertEquals("92:d0:c6:0a:29:33", MacAddresses.parse(" 92:d0:c6:0a:29:33 "));
        assertTrue(MacAddresses.isValid("92:d0:c6:0a:29:33"));
        assertFalse(MacAddresses.isValid("92:d0:c6:0a:29"));
    }

    @Test
    void refusesWithGoText() {
        for (String bad : new String[] {"92:d0:c6:0a:29", "92:d0:c6:0a:29:3g", "92:d0-c6:0a:29:33", "", "hello"}) {
            expect(Kind.INVALID_ARGUMENT, "address " + bad + ": invalid MAC address", () -> MacAddresses.parse(bad));
        }
    }
}
