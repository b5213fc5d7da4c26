package dev.berth.image.service;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.archive.Compression;
import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.content.WriteRequest;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.model.ImageJson;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import dev.berth.image.store.NewImage;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * {@code docker import}, after moby's ImportImage: the tar (plain, gzip or zstd) becomes the one layer of
 * a new image whose config is an empty config with the change instructions applied, os linux,
 * architecture amd64, a single history entry and a top-level comment, both the message ("Imported from -"
 * when none is given, as Docker's API says for a tar sent in the request body). Same order and failure
 * rules as {@link Committer}.
 */
final class Importer {
    static final String DEFAULT_MESSAGE = "Imported from -";

    private final ImageStore store;
    private final Unpacker unpacker;
    private final ChainGuard guard;
    private final Runnable collectGarbage;
    private final Clock clock;

    Importer(ImageStore store, Unpacker unpacker, ChainGuard guard, Runnable collectGarbage, Clock clock) {
        this.store = store;
        this.unpacker = unpacker;
        this.guard = guard;
        this.collectGarbage = collectGarbage;
        this.clock = clock;
    }

    Digest importRootfs(InputStream tar, String ref, List<String> changes, String message) {
        Reference tag = ref == null || ref.isEmpty() ? null : Committer.tagOf(ref);
        ImageConfig.Config config = ConfigChanges.apply(ImageConfig.Config.empty(), changes);
        String msg = message == null || message.isEmpty() ? DEFAULT_MESSAGE : message;
        ContentStore content = store.content();
        boolean done = false;
        try (Lease lease = content.lease("import")) {
            Digest layer;
            long size;
            try (ContentWriter w = content.writer(WriteRequest.any().under(lease)); InputStream in = uncompressed(tar)) {
                in.transferTo(w.stream());
                layer = w.commit();
                size = w.written();
            } catch (IOException e) {
                throw BerthException.invalid("import: cannot read the archive: %s", e.getMessage());
            }
            String now = clock.instant().toString();
            ImageConfig image = new ImageConfig(now, null, "amd64", "linux", null, null, null, config,
                    ImageConfig.RootFs.layers(List.of(layer)), List.of(new ImageConfig.History(now, null, null, msg, null)),
                    null, null, null, Map.of("comment", msg));
            byte[] bytes = ImageJson.write(image);
            Descriptor configDesc = Descriptor.of(MediaTypes.DOCKER_CONFIG, Blobs.write(content, bytes, lease), bytes.length);
            List<Descriptor> layers = List.of(Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, layer, size));
            try (ChainGuard.Hold _ = guard.protect(Unpacker.chainKeys(List.of(layer)))) {
                unpacker.unpack("imported image", List.of(layer), layers);
                ImageRecord r = store.add(NewImage.of(configDesc, layers));
                if (tag != null) store.tag(r.id(), tag, true);
                done = true;
                return r.id();
            }
        } finally {
            if (!done) collectGarbage.run();
        }
    }

    /** The tar itself, decompressed when its first bytes say gzip or zstd. */
    private static InputStream uncompressed(InputStream tar) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new FilterInputStream(tar) {
            @Override
            public void close() {
                // the caller's stream: closing ours releases the decompressor only
            }
        }, 1 << 16);
        in.mark(Compression.MAGIC_LENGTH);
        byte[] head = in.readNBytes(Compression.MAGIC_LENGTH);
        in.reset();
        return switch (Compression.detect(head, head.length)) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
