package dev.berth.cli.docker.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.JsonCodec;
import dev.berth.cli.format.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the network commands: Go's CIDR checks, IPAM pool placement, pflag value kinds, list rows. */
class NetworkValuesTest {
    @Test
    void cidrParsesLikeGo() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(Cidr.parseIp("10.200.1.1")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(Cidr.parseIp("11.0.0.1")));
        assertTrue(Cidr.parse("10.1.2.3/16").contains(Cidr.parseIp("10.1.255.255")), "host bits in the CIDR are masked off");
        assertTrue(Cidr.parse("fd00::/64").contains(Cidr.parseIp("fd00::1234")));
        assertFalse(Cidr.parse("fd00::/64").contains(Cidr.parseIp("fd01::1")));
        assertFalse(Cidr.parse("fd00::/64").contains(Cidr.parseIp("10.0.0.1")), "an IPv4 address is in no IPv6 network");
        assertTrue(Cidr.parse("10.0.0.0/8").contains(Cidr.parseIp("::ffff:10.0.0.1")), "IPv4-mapped compares as IPv4");
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.parseIp("1.2.3.4")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(null));
        for (String bad : List.of("bogus", "10.0.0.0", "10.0.0.0/33", "10.0.0/8", "010.0.0.0/8", "10.0.0.0/", "10.0.0.0/x", "fd00::/129",
                "fe80::1%eth0/64", "256.0.0.0/8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
            assertEquals("invalid CIDR address: " + bad, e.getMessage());
        }
        assertNull(Cidr.parseIp("example.com"), "never a name lookup");
        assertNull(Cidr.parseIp("1.2.3"));
        assertNull(Cidr.parseIp("01.2.3.4"));
        assertEquals(16, Cidr.parseIp("1.2.3.4").length);
    }

    @Test
    void ipamPoolsPlaceRangesGatewaysAndAuxAddressesInTheirSubnet() {
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("a", "10.1.0.5");
        aux.put("r", "fd00::9");
        List<IpamPlan.Pool> pools = IpamPlan.pools(List.of("10.1.0.0/16", "10.2.0.0/16", "fd00::/64"), List.of("10.1.1.0/24"),
                List.of("10.2.0.1", "fd00::1"), aux);
        assertEquals(List.of(new IpamPlan.Pool("10.1.0.0/16", "10.1.1.0/24", "", Map.of("a", "10.1.0.5")),
                new IpamPlan.Pool("10.2.0.0/16", "", "10.2.0.1", Map.of()),
                new IpamPlan.Pool("fd00::/64", "", "fd00::1", Map.of("r", "fd00::9"))), pools);
        assertEquals(List.of(new IpamPlan.Pool("bogus", "", "", Map.of())), IpamPlan.pools(List.of("bogus"), List.of(), List.of(), Map.of()),
                "a lone subnet is the daemon's to check");
    }

    @Test
    void ipamErrorsAreTheDockerClients() {
        assertIpam("every ip-range or gateway must have a corresponding subnet", List.of(), List.of(), List.of("1.2.3.4"), Map.of());
        assertIpam("every ip-range or gateway must have a corresponding subnet", List.of("10.0.0.0/8"), List.of("10.1.0.0/16", "10.2.0.0/16"), List.of(), Map.of());
        assertIpam("multiple overlapping subnet configuration is not supported", List.of("10.0.0.0/8", "10.1.0.0/16"), List.of(), List.of(), Map.of());
        assertIpam("multiple overlapping subnet configuration is not supported", List.of("10.1.0.0/16", "10.0.0.0/8"), List.of(), List.of(), Map.of());
        assertIpam("invalid subnet: invalid CIDR address: bad", List.of("10.0.0.0/24", "bad"), List.of(), List.of(), Map.of());
        assertIpam("invalid subnet: invalid CIDR address: bad", List.of("bad", "10.0.0.0/24"), List.of(), List.of(), Map.of());
        assertIpam("invalid CIDR address: 10.0.0.0/99", List.of("10.0.0.0/99", "10.0.0.0/24"), List.of(), List.of(), Map.of());
        assertIpam("invalid subnet: invalid CIDR address: bogus", List.of("bogus"), List.of(), List.of("1.2.3.4"), Map.of());
        assertIpam("invalid CIDR address: x", List.of("10.0.0.0/8"), List.of("x"), List.of(), Map.of());
        assertIpam("no matching subnet for range 11.0.0.0/24", List.of("10.0.0.0/8"), List.of("11.0.0.0/24"), List.of(), Map.of());
        assertIpam("cannot configure multiple ranges (10.0.0.128/25, 10.0.0.0/25) on the same subnet (10.0.0.0/24)",
                List.of("10.0.0.0/24", "10.9.0.0/24"), List.of("10.0.0.0/25", "10.0.0.128/25"), List.of(), Map.of());
        assertIpam("no matching subnet for gateway 11.0.0.1", List.of("10.0.0.0/8"), List.of(), List.of("11.0.0.1"), Map.of());
        assertIpam("no matching subnet for gateway 010.0.0.1", List.of("10.0.0.0/8"), List.of(), List.of("010.0.0.1"), Map.of());
        assertIpam("cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/24)",
                List.of("10.0.0.0/24", "10.9.0.0/24"), List.of(), List.of("10.0.0.1", "10.0.0.2"), Map.of());
        assertIpam("no matching subnet for aux-address 10.9.0.1", List.of("10.0.0.0/24"), List.of(), List.of(), Map.of("x", "10.9.0.1"));
    }

    private static void assertIpam(String message, List<String> subnets, List<String> ranges, List<String> gateways, Map<String, String> aux) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpamPlan.pools(subnets, ranges, gateways, aux));
        assertEquals(message, e.getMessage());
    }

    @Test
    void stringSlicesAreCsvRecords() {
        assertEquals(List.of("a", "b", "c"), NetworkFlagValues.slice(List.of("a,b", "c")));
        assertEquals(List.of(), NetworkFlagValues.csv(""));
        assertEquals(List.of("a,b", "c\"d", ""), NetworkFlagValues.csv("\"a,b\",\"c\"\"d\","));
        assertEquals("parse error on line 1, column 2: bare \" in non-quoted-field",
                assertThrows(IllegalArgumentException.class, () -> NetworkFlagValues.csv("a\"b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkFlagValues.csv("\"open"));
        assertThrows(IllegalArgumentException.class, () -> NetworkFlagValues.csv("\"a\"b"));
    }

    @Test
    void mapsAndDriverOptions() {
        assertEquals(Map.of("k", "", "a", "2", "x", "y=z"), NetworkFlagValues.map(List.of("k", "a=1", "a=2", "x=y=z")));
        assertEquals(Map.of("x", "1", "y", "2"), NetworkFlagValues.driverOpts(List.of(" x = 1 ", "y=2")));
        for (String bad : List.of("novalue", "=1", " =1")) {
            assertEquals("invalid key/value pair format in driver options",
                    assertThrows(IllegalArgumentException.class, () -> NetworkFlagValues.driverOpts(List.of(bad))).getMessage());
        }
    }

    @Test
    void namesSortNaturally() {
        List<String> names = new ArrayList<>(List.of("net10", "net9", "bridge", "a01", "a1", "a001b", "Z", "host", "net09"));
        names.sort(NetworkRows::naturalCompare);
        assertEquals(List.of("Z", "a1", "a01", "a001b", "bridge", "host", "net9", "net09", "net10"), names);
    }

    @Test
    void createdAtIsGoTimeString() {
        assertEquals("2024-05-01 10:11:12.1234 +0000 UTC", NetworkRows.goTimeString("2024-05-01T10:11:12.1234Z"));
        assertEquals("0001-01-01 00:00:00 +0000 UTC", NetworkRows.goTimeString("0001-01-01T00:00:00Z"));
        assertEquals("0001-01-01 00:00:00 +0000 UTC", NetworkRows.goTimeString(""));
        String far = java.time.ZoneId.systemDefault().getRules().getOffset(java.time.Instant.parse("2024-05-01T10:00:00Z")).getTotalSeconds() == 13 * 3600
                ? "+14:00" : "+13:00";
        String name = far.equals("+14:00") ? "+1400" : "+1300";
        assertEquals("2024-05-01 12:00:00.5 " + name + " " + name, NetworkRows.goTimeString("2024-05-01T12:00:00.500000000" + far),
                "an offset the local zone does not use is its own name");
    }

    @Test
    void formatsAndRows() throws Exception {
        assertEquals(NetworkRows.DEFAULT_TABLE, NetworkRows.format("", false));
        assertEquals("{{.ID}}", NetworkRows.format("table", true));
        assertEquals("{{.Name}}", NetworkRows.format("{{.Name}}", true), "a custom template wins over -q, as in docker");
        assertEquals("network_id: {{.ID}}", NetworkRows.format("raw", true));
        JsonNode n = JsonCodec.parse(("{\"Name\":\"n\",\"Id\":\"" + "ab".repeat(32) + "\",\"Driver\":\"bridge\",\"Scope\":\"local\",\"EnableIPv6\":true,"
                + "\"Internal\":true,\"Labels\":{\"z\":\"1\",\"a\":\"2\"},\"Created\":\"2024-05-01T10:11:12Z\"}").getBytes());
        Row r = NetworkRows.row(n, true);
        assertEquals("abababababab", r.field("ID", List.of()));
        assertEquals("a=2,z=1", r.field("Labels", List.of()));
        assertEquals("false", r.field("IPv4", List.of()), "a daemon that leaves EnableIPv4 out is read as false, as Go decodes it");
        assertEquals("true", r.field("IPv6", List.of()));
        assertEquals("1", r.field("Label", List.of("z")));
        assertEquals("2024-05-01 10:11:12 +0000 UTC", r.field("CreatedAt", List.of()));
        assertEquals("ab".repeat(32), NetworkRows.row(n, false).field("ID", List.of()));
    }
}
