package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatParsersTest {
    @Test
    void flatKeyedSkipsNonNumbers() {
        Map<String, Long> m = StatParsers.flatKeyed("oom_kill_disable 0\nunder_oom 1\noom_kill 3\nweird max\n\n");
        assertEquals(Map.of("oom_kill_disable", 0L, "under_oom", 1L, "oom_kill", 3L), m);
    }

    @Test
    void ioStatSumsOverDevices() {
        Map<String, Long> m = StatParsers.ioStatTotals(
                "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n254:0 rbytes=5 wbytes=7 rios=1 wios=1\n");
        assertEquals(105L, m.get("rbytes"));
        assertEquals(207L, m.get("wbytes"));
        assertEquals(3L, m.get("wios"));
    }

    @Test
    void blkioServiceBytesSumsOverDevicesAndSkipsTotal() {
        Map<String, Long> m = StatParsers.blkioTotals(
                "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n254:0 Read 1\n254:0 Write 2\nTotal 12291\n");
        assertEquals(4097L, m.get("Read"));
        assertEquals(8194L, m.get("Write"));
    }

    @Test
    void limitsTreatMaxAndV1HugeAsUnlimited() {
        assertEquals(Long.MAX_VALUE, StatParsers.limit("max\n"));
        assertEquals(Long.MAX_VALUE, StatParsers.limit("9223372036854771712"));
        assertEquals(67108864L, StatParsers.limit("67108864\n"));
    }

    @Test
    void procsAndTicks() {
        assertEquals(List.of(12, 345), StatParsers.pids("12\n345\n"));
        assertEquals(List.of(), StatParsers.pids(""));
        assertEquals(1_500_000_000L, StatParsers.ticksToNanos(150));
        assertEquals(0, StatParsers.number("garbage"));
        assertThrows(NumberFormatException.class, () -> StatParsers.limit("garbage"));
    }
}
