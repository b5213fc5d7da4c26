package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.Json;
import org.junit.jupiter.api.Test;

class RlimitJsonTest {
    @Test
    void unlimitedUint64RoundTrips() throws Exception {
        String json = "{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551615,\"soft\":1024}";
        Spec.Rlimit r = Json.mapper().readValue(json, Spec.Rlimit.class);
        assertEquals(-1L, r.hard());
        assertEquals(1024L, r.soft());
        String out = new String(Json.bytes(r));
        assertTrue(out.contains("\"hard\":18446744073709551615"), out);
        assertTrue(!out.contains("hardUnsigned"), out);
    }
}
