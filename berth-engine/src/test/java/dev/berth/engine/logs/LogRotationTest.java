package dev.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.engine.model.LogConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogRotationTest {
    private static LogRotation of(Map<String, String> opts) {
        return LogRotation.of(new LogConfig("json-file", opts));
    }

    private static String error(Map<String, String> opts) {
        return assertThrows(BerthException.class, () -> of(opts)).getMessage();
    }

    @Test
    void parsesSizesAsGoUnitsDoes() {
        assertEquals(new LogRotation(10L << 20, 3), of(Map.of("max-size", "10m", "max-file", "3")));
        assertEquals(new LogRotation(1024, 1), of(Map.of("max-size", "1k")));
        assertEquals(new LogRotation(1536, 1), of(Map.of("max-size", "1.5KiB")));
        assertEquals(new LogRotation(100, 1), of(Map.of("max-size", "100")));
        assertEquals(LogRotation.NONE, of(Map.of()));
        assertEquals(LogRotation.NONE, LogRotation.of(null));
        assertEquals(LogRotation.NONE, LogRotation.of(new LogConfig("none", Map.of())));
    }

    @Test
    void rejectsBadOptionsWithDockersErrors() {
        assertEquals("invalid size: 'abc'", error(Map.of("max-size", "abc")));
        assertEquals("max-size must be a positive number", error(Map.of("max-size", "0")));
        assertEquals("max-file cannot be less than 1", error(Map.of("max-size", "1k", "max-file", "0")));
        assertEquals("strconv.Atoi: parsing \"x\": invalid syntax", error(Map.of("max-size", "1k", "max-file", "x")));
        assertEquals("unknown log opt 'foo' for json-file log driver", error(Map.of("foo", "bar")));
    }
}
