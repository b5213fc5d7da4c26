package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** json.Indent with four spaces, as docker inspect prints, and json.Compact. */
class JsonIndentTest {
    @Test
    void indentsKeepingTokensAsWritten() {
        String raw = "[{\"Id\":\"x\",\"Args\":[],\"Cfg\":{},\"N\":1.50,\"S\":\"a \\u003e b, {c}:\",\"L\":[1,{\"k\":null}]}\n]";
        String expected = "[\n    {\n        \"Id\": \"x\",\n        \"Args\": [],\n        \"Cfg\": {},\n        \"N\": 1.50,\n"
                + "        \"S\": \"a \\u003e b, {c}:\",\n        \"L\": [\n            1,\n            {\n                \"k\": null\n            }\n        ]\n    }\n]";
        assertEquals(expected, JsonIndent.indent(raw.getBytes(StandardCharsets.UTF_8), "    "));
    }

    @Test
    void compacts() {
        assertEquals("{\"a\":[1,2],\"b\":\"x y\"}", JsonIndent.compact("{ \"a\" : [ 1, 2 ],\n \"b\": \"x y\" }".getBytes(StandardCharsets.UTF_8)));
    }
}
