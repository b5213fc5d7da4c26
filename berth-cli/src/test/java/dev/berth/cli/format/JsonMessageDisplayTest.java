package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress rendering of pull/load/push streams, on and off a terminal. */
class JsonMessageDisplayTest {
    private static String show(boolean terminal, int width, String... messages) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        JsonMessageDisplay d = new JsonMessageDisplay(new PrintStream(b, true, StandardCharsets.UTF_8), terminal, width, null);
        for (String m : messages) d.accept(Json.mapper().readTree(m));
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalOnlyStatusLines() throws Exception {
        String out = show(false, 200,
                "{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}",
                "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":3678,\"total\":300291},\"progress\":\"[>  ]\",\"id\":\"3ff72b50e675\"}",
                "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"3ff72b50e675\"}",
                "{\"status\":\"Digest: sha256:abc\"}",
                "{\"stream\":\"Loaded image: x:latest\\n\"}");
        assertEquals("latest: Pulling from library/busybox\n3ff72b50e675: Pull complete \n"
                .replace("Pull complete \n", "Pull complete\n") + "Digest: sha256:abc\nLoaded image: x:latest\n", out);
    }

    @Test
    void onATerminalBarsRedrawInPlace() throws Exception {
        String out = show(true, 120, "{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":2048,\"total\":4096},\"id\":\"680a6d1a54f8\"}");
        assertEquals("\n\u001b[1A\u001b[2K\r680a6d1a54f8: Loading layer [=========================>                         ]  2.048kB/4.096kB\r\u001b[1B", out);
    }

    @Test
    void progressWithoutTotal() throws Exception {
        assertEquals(" 2.048kB", new JsonMessageDisplay(null, true, 80, null).progress(Json.mapper().readTree("{\"current\":2048}")));
    }

    @Test
    void errorsEndTheStream() {
        JsonMessageDisplay.StreamError e = assertThrows(JsonMessageDisplay.StreamError.class,
                () -> show(false, 80, "{\"errorDetail\":{\"code\":7,\"message\":\"boom\"},\"error\":\"boom\"}"));
        assertEquals("boom", e.getMessage());
        assertEquals(7, e.code());
    }
}
