package dev.berth.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Reads the daemon's streams of JSON objects (pull, load, push, build, events), one object as soon as it is whole. */
public final class JsonMessages {
    private JsonMessages() {}

    public static void each(InputStream in, Consumer<JsonNode> sink) throws IOException {
        JsonCodec.Source source = JsonCodec.stream(in);
        JsonNode n;
        while ((n = JsonCodec.next(source)) != null) sink.accept(n);
    }
}
