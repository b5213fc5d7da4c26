package dev.berth.engine.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.io.IOException;
import java.time.Instant;

/** One line of a json-file log, as the monitor writes it: {"log": ..., "stream": ..., "time": ...}. */
public record LogEntry(String log, String stream, String time) {
    public static LogEntry parse(String line) {
        try {
            JsonNode n = Json.mapper().readTree(line);
            return new LogEntry(n.path("log").asText(""), n.path("stream").asText("stdout"), n.path("time").asText(""));
        } catch (IOException e) {
            return null;
        }
    }

    public Instant instant() {
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** Docker's multiplexing stream number: 1 stdout, 2 stderr. */
    public int streamNumber() {
        return "stderr".equals(stream) ? 2 : 1;
    }
}
