package dev.berth.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ObjectMapper-free JSON reader and writer agree with Jackson's. */
class JsonCodecTest {
    private static final String DOC = "{\"Id\":\"abc\",\"N\":12,\"Big\":9007199254740993,\"Huge\":18446744073709551615,\"F\":1.5,\"E\":-2e3,"
            + "\"T\":true,\"Nil\":null,\"S\":\"tab\\there \\u00e9\\ud83d\\ude00 \\\"q\\\" \\\\ / \\u003c\",\"U\":\"héllo✓\","
            + "\"A\":[1,[],{}, \"x\"],\"O\":{\"k\":{\"deep\":[null]}}}";

    @Test
    void parsesLikeJackson() throws IOException {
        JsonNode mine = JsonCodec.parse(DOC.getBytes(StandardCharsets.UTF_8));
        JsonNode jackson = Json.mapper().readTree(DOC);
        assertEquals(jackson, mine);
        assertEquals(9007199254740993L, mine.get("Big").longValue());
        assertEquals("tab\there é😀 \"q\" \\ / <", mine.get("S").textValue());
    }

    @Test
    void writesWhatJacksonReadsBack() throws IOException {
        JsonNode n = JsonCodec.parse(DOC.getBytes(StandardCharsets.UTF_8));
        assertEquals(n, Json.mapper().readTree(JsonCodec.write(n)));
        assertEquals("{\"a\":\"x\\ny\\u0001\",\"b\":[1,true,null]}", JsonCodec.writeString(JsonCodec.parse("{\"a\":\"x\\ny\\u0001\",\"b\":[1,true,null]}".getBytes())));
    }

    @Test
    void readsConcatenatedDocumentsFromAStream() throws IOException {
        String s = "{\"status\":\"a\"}\r\n{\"status\":\"b\"}{\"status\":\"c\"}\n  ";
        JsonCodec.Source src = JsonCodec.stream(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
        assertEquals("a", JsonCodec.next(src).get("status").asText());
        assertEquals("b", JsonCodec.next(src).get("status").asText());
        assertEquals("c", JsonCodec.next(src).get("status").asText());
        assertNull(JsonCodec.next(src));
    }

    @Test
    void toJavaForTemplates() throws IOException {
        Object o = JsonCodec.toJava(JsonCodec.parse("{\"a\":[1,\"x\",null],\"b\":{\"c\":false},\"d\":2.5}".getBytes()));
        assertEquals(Map.of("c", false), ((Map<?, ?>) o).get("b"));
        assertEquals(java.util.Arrays.asList(1, "x", null), ((Map<?, ?>) o).get("a"));
        assertEquals(2.5, ((Map<?, ?>) o).get("d"));
        assertTrue(o instanceof java.util.LinkedHashMap);
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("{", "{\"a\" 1}", "[1,]", "tru", "\"abc", "{\"a\":1} x", "\"\\x\"")) {
            assertThrows(IOException.class, () -> JsonCodec.parse(bad.getBytes()), bad);
        }
    }
}
