package dev.berth.image.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;

/**
 * Reads and writes image documents. Reading checks what later code relies on (schema version 2, a
 * config in a manifest, a rootfs of type "layers"); unknown fields are ignored, except in configs
 * where {@link ImageConfig} keeps them.
 */
public final class ImageJson {
    private ImageJson() {}

    /** Parses an image config; {@code what} names it in errors (e.g. its digest). */
    public static ImageConfig readConfig(byte[] json, String what) {
        ImageConfig c = read(json, ImageConfig.class, what);
        if (c.rootfs() != null && c.rootfs().type() != null && !ImageConfig.RootFs.LAYERS.equals(c.rootfs().type())) {
            throw BerthException.invalid("%s: unsupported rootfs type %s", what, c.rootfs().type());
        }
        return c;
    }

    /**
     * Parses a manifest or index, telling them apart by {@code mediaType} or, where the OCI format
     * leaves it out, by shape.
     */
    public static Manifest readManifest(byte[] json, String what) {
        JsonNode tree = read(json, JsonNode.class, what);
        if (!tree.isObject()) throw BerthException.invalid("%s: not a JSON object", what);
        String mediaType = tree.path("mediaType").asText(null);
        if (MediaTypes.isDockerSchema1(mediaType) || tree.path("schemaVersion").asInt(0) == 1) {
            throw new BerthException(BerthException.Kind.UNSUPPORTED,
                    what + ": Docker Image manifest version 2, schema 1 is not supported; push the image again with a current tool");
        }
        if (tree.path("schemaVersion").asInt(0) != 2) {
            throw BerthException.invalid("%s: unsupported manifest schemaVersion %s", what, tree.path("schemaVersion"));
        }
        boolean index;
        if (mediaType != null) {
            if (MediaTypes.isIndex(mediaType)) index = true;
            else if (MediaTypes.isManifest(mediaType)) index = false;
            else throw BerthException.invalid("%s: unsupported manifest media type %s", what, mediaType);
        } else {
            boolean hasManifests = tree.has("manifests");
            boolean hasConfig = tree.has("config") || tree.has("layers");
            if (hasManifests == hasConfig) {
                throw BerthException.invalid("%s: cannot tell whether it is a manifest or an index", what);
            }
            index = hasManifests;
        }
        try {
            if (index) return Json.mapper().treeToValue(tree, ImageIndex.class);
            ImageManifest m = Json.mapper().treeToValue(tree, ImageManifest.class);
            if (m.config() == null) throw BerthException.invalid("%s: manifest has no config", what);
            return m;
        } catch (JacksonException e) {
            throw BerthException.invalid("%s: malformed manifest: %s", what, e.getOriginalMessage());
        }
    }

    /** The JSON bytes of a document we create (compact, fields in declaration order). */
    public static byte[] write(Object document) {
        return Json.bytes(document);
    }

    private static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            T value = Json.mapper().readValue(json, type);
            if (value == null) throw BerthException.invalid("%s: empty document", what);
            return value;
        } catch (JacksonException e) {
            throw BerthException.invalid("%s: malformed JSON: %s", what, e.getOriginalMessage());
        } catch (IOException e) {
            throw BerthException.internal(what + ": " + e.getMessage(), e);
        }
    }
}
