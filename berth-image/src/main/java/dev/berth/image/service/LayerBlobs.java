package dev.berth.image.service;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.archive.Compression;
import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Provider;
import dev.berth.image.model.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Layer blobs in the content store: what they are compressed with, and their uncompressed bytes. */
final class LayerBlobs {
    private LayerBlobs() {}

    /** How the blob is compressed, told by its first bytes. */
    static Compression compressionOf(Provider blobs, Digest digest) {
        try (InputStream in = blobs.read(digest)) {
            byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
            return Compression.detect(head, head.length);
        } catch (IOException e) {
            throw BerthException.internal("read layer " + digest + ": " + e.getMessage(), e);
        }
    }

    /** The Docker media type for a layer blob of a docker-archive (which names none). */
    static String dockerMediaType(Compression c) {
        return switch (c) {
            case NONE -> MediaTypes.DOCKER_LAYER_TAR;
            case GZIP -> MediaTypes.DOCKER_LAYER_TAR_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_TAR_ZSTD;
        };
    }

    /** The uncompressed tar of a layer blob, whatever it is compressed with. */
    static InputStream uncompressed(Provider blobs, Digest digest) throws IOException {
        InputStream raw = new BufferedInputStream(blobs.read(digest), 1 << 16);
        try {
            raw.mark(Compression.MAGIC_LENGTH);
            byte[] head = raw.readNBytes(Compression.MAGIC_LENGTH);
            raw.reset();
            return switch (Compression.detect(head, head.length)) {
                case NONE -> raw;
                case GZIP -> new GZIPInputStream(raw, 1 << 16);
                case ZSTD -> new ZstdInputStream(raw);
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
