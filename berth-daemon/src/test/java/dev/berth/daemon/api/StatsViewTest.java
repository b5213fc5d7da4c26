package dev.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cgroups.CgroupStats;
import dev.berth.common.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsViewTest {
    private static final String PROC_STAT = "cpu  100 5 50 1000 10 1 2 3 0 0\ncpu0 50 2 25 500 5 0 1 1 0 0\ncpu1 50 3 25 500 5 1 1 2 0 0\nintr 1\n";

    @Test
    void hostCpuTimeIsUserToStealInNanoseconds() {
        assertEquals((100 + 5 + 50 + 1000 + 10 + 1 + 2 + 3) * 10_000_000L, StatsView.systemCpuNanos(PROC_STAT));
        assertEquals(2, StatsView.onlineCpus(PROC_STAT));
    }

    @Test
    void runningContainerJson() throws Exception {
        CgroupStats c = new CgroupStats(5_000_000, Long.MAX_VALUE, 0, 1000, 900, 600, 300, 3, 0, 4096, 8192, 0);
        CgroupStats p = new CgroupStats(4_000_000, Long.MAX_VALUE, 0, 1000, 400, 300, 100, 2, 0, 0, 0, 0);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z"), t1 = Instant.parse("2024-01-01T00:00:01Z");
        JsonNode j = Json.mapper().valueToTree(StatsView.json("/x", "abc",
                new StatsView.Sample(t1, c, 2000, 2), new StatsView.Sample(t0, p, 1000, 2), 8L << 30));
        assertEquals("2024-01-01T00:00:01Z", j.get("read").asText());
        assertEquals("2024-01-01T00:00:00Z", j.get("preread").asText());
        assertEquals(900, j.at("/cpu_stats/cpu_usage/total_usage").asLong());
        assertEquals(300, j.at("/cpu_stats/cpu_usage/usage_in_kernelmode").asLong());
        assertEquals(400, j.at("/precpu_stats/cpu_usage/total_usage").asLong());
        assertEquals(1000, j.at("/precpu_stats/system_cpu_usage").asLong());
        assertEquals(2, j.at("/cpu_stats/online_cpus").asInt());
        assertEquals(5_000_000, j.at("/memory_stats/usage").asLong());
        assertEquals(8L << 30, j.at("/memory_stats/limit").asLong(), "unlimited shows the host's memory");
        assertEquals(3, j.at("/pids_stats/current").asLong());
        assertFalse(j.get("pids_stats").has("limit"));
        assertEquals("write", j.at("/blkio_stats/io_service_bytes_recursive/1/op").asText());
        assertEquals(8192, j.at("/blkio_stats/io_service_bytes_recursive/1/value").asLong());
        assertEquals("/x", j.get("name").asText());
    }

    @Test
    void stoppedContainerIsZeros() {
        JsonNode j = Json.mapper().valueToTree(StatsView.json("/x", "abc", StatsView.Sample.EMPTY, StatsView.Sample.EMPTY, 1));
        assertEquals(StatsView.ZERO_TIME, j.get("read").asText());
        assertEquals(0, j.at("/cpu_stats/cpu_usage/total_usage").asLong());
        assertEquals(0, j.get("memory_stats").size());
        assertEquals(0, j.get("pids_stats").size());
    }
}
