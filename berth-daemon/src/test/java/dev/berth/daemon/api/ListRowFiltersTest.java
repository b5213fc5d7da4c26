package dev.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListRowFiltersTest {
    private static final Map<String, Object> ROW = Map.of(
            "Ports", List.of(Map.of("IP", "0.0.0.0", "PrivatePort", 80, "PublicPort", 32768, "Type", "tcp"),
                    Map.of("PrivatePort", 53, "Type", "udp")),
            "Mounts", List.of(Map.of("Type", "bind", "Source", "/srv", "Destination", "/data")),
            "NetworkSettings", Map.of("Networks", Map.of("front", Map.of("NetworkID", "abcdef0123456789"))));

    private static boolean matches(String key, String value, String health) {
        return ListRowFilters.matches(ROW, Filters.parse("{\"" + key + "\":[\"" + value + "\"]}", java.util.Set.of(key)), health);
    }

    @Test
    void portRangesAndProtocols() {
        assertTrue(matches("publish", "32768", "none"));
        assertTrue(matches("publish", "32000-33000/tcp", "none"));
        assertFalse(matches("publish", "80", "none"), "publish looks at host ports");
        assertTrue(matches("expose", "80", "none"));
        assertTrue(matches("expose", "53/udp", "none"));
        assertFalse(matches("expose", "53", "none"), "tcp unless told");
        assertEquals(new ListRowFilters.PortRange(8000, 8080, "tcp"), ListRowFilters.PortRange.parse("expose", "8000-8080"));
    }

    @Test
    void publishOrExposeKeepsTheRowAsMobyDoes() {
        Filters both = Filters.parse("{\"publish\":[\"32768\"],\"expose\":[\"9999\"]}", java.util.Set.of("publish", "expose"));
        assertTrue(ListRowFilters.matches(ROW, both, "none"), "one of the two matches");
        Filters neither = Filters.parse("{\"publish\":[\"1\"],\"expose\":[\"9999\"]}", java.util.Set.of("publish", "expose"));
        assertFalse(ListRowFilters.matches(ROW, neither, "none"));
    }

    @Test
    void badPortValuesAreDockersErrors() {
        BerthException e = assertThrows(BerthException.class, () -> ListRowFilters.PortRange.parse("publish", "abc"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("error while looking up for publish abc: strconv.ParseUint: parsing \"abc\": invalid syntax", e.getMessage());
        assertEquals("error while looking up for expose 90-80: Invalid range specified for the Port: 90-80",
                assertThrows(BerthException.class, () -> ListRowFilters.PortRange.parse("expose", "90-80")).getMessage());
    }

    @Test
    void networksVolumesAndHealth() {
        assertTrue(matches("network", "front", "none"));
        assertTrue(matches("network", "abcdef", "none"), "id prefix");
        assertFalse(matches("network", "back", "none"));
        assertTrue(matches("volume", "/data", "none"));
        assertTrue(matches("volume", "/srv", "none"));
        assertFalse(matches("volume", "/other", "none"));
        assertTrue(matches("health", "healthy", "healthy"));
        assertFalse(matches("health", "healthy", "none"));
    }
}
