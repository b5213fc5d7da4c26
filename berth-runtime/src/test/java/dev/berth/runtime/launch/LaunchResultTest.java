package dev.berth.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import org.junit.jupiter.api.Test;

class LaunchResultTest {
    @Test
    void okCarriesBothPids() {
        assertEquals(new LaunchResult(123, 456), LaunchResult.parse("ok 123 456\n"));
    }

    @Test
    void errorKindsMapToExceptionKinds() {
        BerthException n = assertThrows(BerthException.class,
                () -> LaunchResult.parse("err N 0 exec: \"nope\": executable file not found in $PATH\n"));
        assertEquals(Kind.COMMAND_NOT_FOUND, n.kind());
        assertEquals("exec: \"nope\": executable file not found in $PATH", n.getMessage());
        assertEquals(Kind.COMMAND_NOT_EXECUTABLE,
                assertThrows(BerthException.class, () -> LaunchResult.parse("err X 13 exec: \"/x\": permission denied")).kind());
        BerthException s = assertThrows(BerthException.class,
                () -> LaunchResult.parse("err S 2 mount destination /proc: No such file or directory"));
        assertEquals(Kind.FAILED_PRECONDITION, s.kind());
        assertEquals("mount destination /proc: No such file or directory", s.getMessage());
        assertEquals("unknown error", assertThrows(BerthException.class, () -> LaunchResult.parse("err S")).getMessage());
    }

    @Test
    void garbageIsInternal() {
        assertEquals(Kind.INTERNAL, assertThrows(BerthException.class, () -> LaunchResult.parse("")).kind());
        assertEquals(Kind.INTERNAL, assertThrows(BerthException.class, () -> LaunchResult.parse("okay 1 2")).kind());
    }
}
