package dev.berth.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.engine.model.HostConfig;
import dev.berth.oci.runtime.SpecDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostConfigDefaultsTest {
    private static final List<String> MASKED = List.of("/proc/kcore");

    @Test
    void fillsWhatDockerFills() {
        HostConfig hc = HostConfigDefaults.apply(HostConfig.builder().memory(64L << 20).memorySwappiness(-1L).pidsLimit(0L).build(), false, MASKED);
        assertEquals("default", hc.networkMode());
        assertEquals(128L << 20, hc.memorySwap());
        assertEquals(64L << 20, hc.shmSize());
        assertEquals("private", hc.ipcMode());
        assertEquals("host", hc.cgroupnsMode());
        assertEquals(false, hc.oomKillDisable());
        assertNull(hc.memorySwappiness());
        assertNull(hc.pidsLimit());
        assertEquals(MASKED, hc.maskedPaths());
        assertEquals(SpecDefaults.DOCKER_READONLY_PATHS, hc.readonlyPaths());
        assertEquals(hc, HostConfigDefaults.apply(hc, false, MASKED), "idempotent");
    }

    @Test
    void keepsWhatTheRequestSays() {
        HostConfig in = HostConfig.builder().networkMode("host").memory(64L << 20).memorySwap(-1L).shmSize(1L << 20)
                .ipcMode("shareable").cgroupnsMode("host").oomKillDisable(true).maskedPaths(List.of()).pidsLimit(10L).build();
        HostConfig hc = HostConfigDefaults.apply(in, true, MASKED);
        assertEquals("host", hc.networkMode());
        assertEquals(-1L, hc.memorySwap());
        assertEquals(1L << 20, hc.shmSize());
        assertEquals("shareable", hc.ipcMode());
        assertEquals("host", hc.cgroupnsMode());
        assertEquals(true, hc.oomKillDisable());
        assertEquals(List.of(), hc.maskedPaths());
        assertEquals(10L, hc.pidsLimit());
    }

    @Test
    void cgroupNamespaceAndPathsDependOnHostAndPrivilege() {
        assertEquals("private", HostConfigDefaults.apply(null, true, MASKED).cgroupnsMode());
        HostConfig privileged = HostConfig.builder().privileged(true).build();
        assertEquals("private", HostConfigDefaults.apply(privileged, true, MASKED).cgroupnsMode());
        HostConfig v1 = HostConfigDefaults.apply(privileged, false, MASKED);
        assertEquals("host", v1.cgroupnsMode());
        assertNull(v1.maskedPaths());
        assertNull(v1.readonlyPaths());
        assertNull(HostConfigDefaults.apply(HostConfig.builder().build(), false, MASKED).memorySwap(), "no memory, no swap");
    }
}
