package dev.berth.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a container's output back from the monitor's json-file log (one {"log","stream","time"} object a line). */
public final class JsonLog {
    private JsonLog() {}

    public static String stream(Path log, String stream) {
        StringBuilder sb = new StringBuilder();
        try {
            if (!Files.exists(log)) return "";
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank()) continue;
                JsonNode n = Json.mapper().readTree(line);
                if (stream.equals(n.get("stream").asText())) sb.append(n.get("log").asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("read " + log + ": " + e, e);
        }
        return sb.toString();
    }
}
