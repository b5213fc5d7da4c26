package dev.berth.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatedLogReadTest {
    private static String entry(String text) {
        return "{\"log\":\"" + text + "\\n\",\"stream\":\"stdout\",\"time\":\"2026-01-01T00:00:00.000000000Z\"}\n";
    }

    private static String read(Path log, boolean follow, int tail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonFileReader.stream(log, new LogOptions(true, true, null, null, false, tail, follow), true, out, () -> false);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rotatedFilesComeFirstOldestFirst(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("c-json.log");
        Files.writeString(dir.resolve("c-json.log.2"), entry("one"));
        Files.writeString(dir.resolve("c-json.log.1"), entry("two") + entry("three"));
        Files.writeString(log, entry("four"));
        assertEquals("one\ntwo\nthree\nfour\n", read(log, false, -1));
        assertEquals("three\nfour\n", read(log, false, 2));
        // Following a stopped container's log ends, after the same output (the live file is not closed early).
        assertEquals("one\ntwo\nthree\nfour\n", read(log, true, -1));
    }
}
