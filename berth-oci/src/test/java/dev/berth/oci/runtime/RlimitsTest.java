package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class RlimitsTest {
    @Test
    void numbersMatchAsmGenericResourceH() {
        String[] order = {"CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS", "NPROC", "NOFILE", "MEMLOCK", "AS",
                "LOCKS", "SIGPENDING", "MSGQUEUE", "NICE", "RTPRIO", "RTTIME"};
        assertEquals(16, Rlimits.all().size());
        for (int i = 0; i < order.length; i++) assertEquals(i, Rlimits.number("RLIMIT_" + order[i]));
        assertEquals(7, Rlimits.number("RLIMIT_NOFILE"));
        assertEquals(6, Rlimits.number("RLIMIT_NPROC"));
    }

    @Test
    void unknownTypeIsInvalidArgument() {
        BerthException e = assertThrows(BerthException.class, () -> Rlimits.number("RLIMIT_FOO"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("unknown rlimit type \"RLIMIT_FOO\"", e.getMessage());
        assertThrows(BerthException.class, () -> Rlimits.number("NOFILE"));
        assertThrows(BerthException.class, () -> Rlimits.number(null));
    }
}
