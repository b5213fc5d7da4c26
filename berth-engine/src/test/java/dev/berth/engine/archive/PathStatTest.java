package dev.berth.engine.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.Json;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PathStatTest {
    @Test
    void goModesOfLinuxFileTypes() {
        assertEquals((1L << 31) | 0755, PathStat.goMode(0040755));
        assertEquals((1L << 27) | 0777, PathStat.goMode(0120777));
        assertEquals(0644, PathStat.goMode(0100644));
        assertEquals((1L << 23) | 0755, PathStat.goMode(0104755));
        assertEquals((1L << 31) | (1L << 20) | 0777, PathStat.goMode(0041777));
        assertEquals((1L << 26) | (1L << 21) | 0666, PathStat.goMode(0020666));
        assertEquals((1L << 25) | 0600, PathStat.goMode(0010600));
    }

    @Test
    void headerIsBase64OfDockersJson() throws Exception {
        PathStat s = new PathStat("evil", 4, PathStat.goMode(0120777), "2024-01-02T03:04:05Z", "/etc");
        String json = new String(Base64.getDecoder().decode(s.headerValue()), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"evil\",\"size\":4,\"mode\":134218239,\"mtime\":\"2024-01-02T03:04:05Z\",\"linkTarget\":\"/etc\"}", json);
        assertEquals(s, Json.mapper().readValue(json, PathStat.class));
        assertTrue(s.isSymlink());
        assertFalse(s.isDir());
    }
}
