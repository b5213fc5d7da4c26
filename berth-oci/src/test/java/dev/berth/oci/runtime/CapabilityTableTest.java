package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTableTest {
    /** Transcribed from linux/capability.h (Linux 6.x), in number order. */
    private static final String HEADER_ORDER = "CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID"
            + " SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER"
            + " SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE"
            + " SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN"
            + " SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE";

    @Test
    void numbersMatchTheKernelHeader() {
        List<String> expected = Arrays.stream(HEADER_ORDER.split(" ")).map(n -> "CAP_" + n).toList();
        assertEquals(expected, CapabilityTable.all());
        for (int i = 0; i < expected.size(); i++) assertEquals(i, CapabilityTable.number(expected.get(i)));
        assertEquals(0, CapabilityTable.number("CAP_CHOWN"));
        assertEquals(21, CapabilityTable.number("CAP_SYS_ADMIN"));
        assertEquals(31, CapabilityTable.number("CAP_SETFCAP"));
        assertEquals(40, CapabilityTable.number("CAP_CHECKPOINT_RESTORE"));
    }

    @Test
    void prefixAndCaseAreOptional() {
        assertEquals(12, CapabilityTable.number("NET_ADMIN"));
        assertEquals(12, CapabilityTable.number("net_admin"));
        assertEquals(12, CapabilityTable.number("cap_net_admin"));
        assertEquals(12, CapabilityTable.number("Cap_Net_Admin"));
    }

    @Test
    void unknownNameIsInvalidArgumentNamingIt() {
        BerthException e = assertThrows(BerthException.class, () -> CapabilityTable.number("CAP_FOO"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("unknown capability \"CAP_FOO\"", e.getMessage());
        assertEquals("unknown capability \"CAP_FOO\"",
                assertThrows(BerthException.class, () -> CapabilityTable.number("foo")).getMessage());
        assertThrows(BerthException.class, () -> CapabilityTable.mask(List.of("CAP_KILL", "CAP_NOPE")));
    }

    @Test
    void maskSetsOneBitPerCapability() {
        assertEquals(0, CapabilityTable.mask(null));
        assertEquals(0, CapabilityTable.mask(List.of()));
        assertEquals((1L << 0) | (1L << 5) | (1L << 40),
                CapabilityTable.mask(List.of("CAP_CHOWN", "KILL", "CAP_CHECKPOINT_RESTORE")));
        assertEquals(1L << 21, CapabilityTable.mask(List.of("CAP_SYS_ADMIN", "sys_admin")));
        assertEquals((1L << 41) - 1, CapabilityTable.mask(CapabilityTable.all()));
    }

    @Test
    void namesIsTheInverseOfMaskInNumberOrder() {
        assertEquals(List.of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"),
                CapabilityTable.names(CapabilityTable.mask(List.of("net_bind_service", "CAP_KILL", "chown"))));
        assertEquals(CapabilityTable.all(), CapabilityTable.names(-1L));
        assertEquals(List.of(), CapabilityTable.names(0));
        assertEquals(List.of("CAP_CHOWN"), CapabilityTable.names(1L | (1L << 45)));
    }

    @Test
    void dockerDefaultIsMobysFourteen() {
        assertEquals(14, CapabilityTable.DOCKER_DEFAULT.size());
        assertEquals(List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
                "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
                "CAP_KILL", "CAP_AUDIT_WRITE"), CapabilityTable.DOCKER_DEFAULT);
        long mask = CapabilityTable.mask(CapabilityTable.DOCKER_DEFAULT);
        assertEquals(14, Long.bitCount(mask));
        // Docker's default bounding set as /proc/self/status shows it in a container: CapBnd 00000000a80425fb
        assertEquals(0xa80425fbL, mask);
        assertTrue(!CapabilityTable.DOCKER_DEFAULT.contains("CAP_SYS_ADMIN"));
    }
}
