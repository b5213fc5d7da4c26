package dev.berth.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Jackson set-up: unknown fields ignored (specs grow), nulls left out. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw BerthException.invalid("%s: malformed JSON: %s", file, e.getOriginalMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw BerthException.notFound("%s: no such file", file);
        } catch (IOException e) {
            throw BerthException.internal("read " + file + ": " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw BerthException.internal("serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw BerthException.internal("serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static void writeAtomic(Path file, Object value) {
        try {
            AtomicFiles.write(file, bytes(value), false);
        } catch (IOException e) {
            throw BerthException.internal("write " + file + ": " + e.getMessage(), e);
        }
    }
}
