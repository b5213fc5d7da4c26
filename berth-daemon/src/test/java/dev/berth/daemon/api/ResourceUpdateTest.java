package dev.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.RestartPolicy;
import dev.berth.oci.runtime.Spec;
import org.junit.jupiter.api.Test;

class ResourceUpdateTest {
    private static ResourceUpdate.Request req(String json) throws Exception {
        return Json.mapper().readValue(json, ResourceUpdate.Request.class);
    }

    // What CLI 28 sends for `docker update -m 64m`: zeros everywhere else, PidsLimit absent, an empty policy.
    private static final String CLI_MEMORY = "{\"CpuShares\":0,\"Memory\":67108864,\"NanoCpus\":0,\"CpuPeriod\":0,\"CpuQuota\":0,"
            + "\"CpusetCpus\":\"\",\"CpusetMems\":\"\",\"BlkioWeight\":0,\"MemoryReservation\":0,\"MemorySwap\":0,"
            + "\"RestartPolicy\":{\"Name\":\"\",\"MaximumRetryCount\":0}}";

    @Test
    void zerosLeaveValuesAlone() throws Exception {
        HostConfig before = HostConfig.builder().cpuShares(512L).pidsLimit(20L).restartPolicy(new RestartPolicy("on-failure", 3)).build();
        HostConfig after = ResourceUpdate.merge(before, req(CLI_MEMORY));
        assertEquals(67108864L, after.memory());
        assertEquals(512L, after.cpuShares());
        assertEquals(20L, after.pidsLimit());
        assertEquals(new RestartPolicy("on-failure", 3), after.restartPolicy());
    }

    @Test
    void pidsLimitZeroOrLessIsUnlimited() throws Exception {
        HostConfig after = ResourceUpdate.merge(HostConfig.builder().pidsLimit(20L).build(), req("{\"PidsLimit\":-1}"));
        assertNull(after.pidsLimit());
        assertEquals(-1, ResourceUpdate.resources(after).pids().limit());
    }

    @Test
    void dockersRefusals() throws Exception {
        BerthException small = assertThrows(BerthException.class, () -> ResourceUpdate.merge(HostConfig.builder().build(), req("{\"Memory\":4194304}")));
        assertEquals("Minimum memory limit allowed is 6MB", small.getMessage());
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, small.kind());
        BerthException swap = assertThrows(BerthException.class, () -> ResourceUpdate.merge(
                HostConfig.builder().memory(100L << 20).memorySwap(200L << 20).build(), req("{\"Memory\":314572800}")));
        assertEquals(BerthException.Kind.CONFLICT, swap.kind());
        assertEquals("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time", swap.getMessage());
        BerthException nano = assertThrows(BerthException.class, () -> ResourceUpdate.merge(
                HostConfig.builder().cpuQuota(50000L).build(), req("{\"NanoCpus\":500000000}")));
        assertEquals("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set", nano.getMessage());
        BerthException auto = assertThrows(BerthException.class, () -> ResourceUpdate.merge(
                HostConfig.builder().autoRemove(true).build(), req("{\"RestartPolicy\":{\"Name\":\"always\"}}")));
        assertEquals("Restart policy cannot be updated because AutoRemove is enabled for the container", auto.getMessage());
        assertThrows(BerthException.class, () -> ResourceUpdate.merge(HostConfig.builder().build(), req("{\"RestartPolicy\":{\"Name\":\"sometimes\"}}")));
    }

    @Test
    void resourcesMapLikeTheSpecGenerator() throws Exception {
        HostConfig hc = ResourceUpdate.merge(HostConfig.builder().build(),
                req("{\"Memory\":67108864,\"MemorySwap\":-1,\"NanoCpus\":1500000000,\"CpuShares\":256,\"BlkioWeight\":300,\"PidsLimit\":50}"));
        Spec.Resources r = ResourceUpdate.resources(hc);
        assertEquals(67108864L, r.memory().limit());
        assertEquals(-1L, r.memory().swap());
        assertEquals(150000L, r.cpu().quota());
        assertEquals(100000L, r.cpu().period());
        assertEquals(256L, r.cpu().shares());
        assertEquals(300, r.blockIO().weight());
        assertEquals(50, r.pids().limit());
        assertNull(ResourceUpdate.resources(HostConfig.builder().build()).memory());
    }
}
