package dev.berth.image.service;

import dev.berth.archive.TarResult;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker commit}, after moby's daemon/commit.go and image.NewChildImage: the container's layer (its
 * writable snapshot, init paths left out) becomes an uncompressed layer blob
 * ({@code application/vnd.docker.image.rootfs.diff.tar}, diff_id = its sha256); the new config is the
 * parent's rootfs and history plus that layer, with the container's config changed by the change
 * instructions and then merged with the container's config; the history entry records the container's
 * command as {@code created_by} (Docker joins Cmd with spaces), author and comment. An empty diff adds no
 * layer, only a history entry with {@code empty_layer}.
 *
 * <p>The new layer is unpacked from the blob just written into a snapshot keyed by the new chain id
 * before the image is recorded, so the image never needs an unpack later; it costs one more pass over the
 * layer, but keeps a single code path (and its diff_id check) for every layer. Order: blobs under a lease,
 * snapshot, record, tag; on failure the lease is closed and garbage collected.
 */
final class Committer {
    /** sha256 of an empty tar (1024 zero bytes): moby's layer.DigestSHA256EmptyTar. */
    static final String EMPTY_TAR = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private final ImageStore store;
    private final ContainerFiles files;
    private final Unpacker unpacker;
    private final ChainGuard guard;
    private final Runnable collectGarbage;
    private final Clock clock;
    private final CrashPoints crash;

    Committer(ImageStore store, ContainerFiles files, Unpacker unpacker, ChainGuard guard, Runnable collectGarbage, Clock clock,
              CrashPoints crash) {
        this.crash = crash;
        this.store = store;
        this.files = files;
        this.unpacker = unpacker;
        this.guard = guard;
        this.collectGarbage = collectGarbage;
        this.clock = clock;
    }

    Digest commit(RootfsRecord container, CommitOptions opts, ImageConfig.Config containerConfigOrNull) {
        ImageConfig.Config containerConfig = containerConfigOrNull == null ? ImageConfig.Config.empty() : containerConfigOrNull;
        Reference ref = opts.ref() == null || opts.ref().isEmpty() ? null : tagOf(opts.ref());
        ImageConfig.Config changed = ConfigChanges.apply(opts.config() != null ? opts.config() : containerConfig, opts.changes());
        ImageConfig.Config newConfig = CommitConfigMerge.merge(changed, containerConfig);
        Digest parentId = Digest.parse(container.imageId());
        ImageRecord parent = store.get(parentId).orElseThrow(() -> BerthException.notFound("No such image: %s", parentId));
        ImageConfig parentConfig = store.config(parentId);
        ContentStore content = store.content();
        boolean done = false;
        try (Lease lease = content.lease("commit " + container.containerId())) {
            Digest layer;
            long layerSize;
            try (ContentWriter w = content.writer(WriteRequest.any().under(lease))) {
                TarResult tar = files.writeLayer(container, w.stream());
                layer = w.commit();
                layerSize = w.written();
                if (!layer.toString().equals(tar.digest())) throw BerthException.internal("commit: layer digest " + layer + " differs from the tar's " + tar.digest(), null);
            }
            crash.reached("commit-layer-written");
            boolean empty = layer.toString().equals(EMPTY_TAR);
            Instant now = clock.instant();
            List<Digest> diffIds = new ArrayList<>(parentConfig.diffIds());
            if (!empty) diffIds.add(layer);
            List<ImageConfig.History> history = new ArrayList<>(parentConfig.history() == null ? List.of() : parentConfig.history());
            String createdBy = containerConfig == null || containerConfig.cmd() == null ? "" : String.join(" ", containerConfig.cmd());
            history.add(new ImageConfig.History(now.toString(), blankToNull(createdBy), blankToNull(opts.author()),
                    blankToNull(opts.comment()), empty ? Boolean.TRUE : null));
            ImageConfig config = new ImageConfig(now.toString(), blankToNull(opts.author()), parentConfig.architecture(),
                    parentConfig.os() == null ? "linux" : parentConfig.os(), parentConfig.osVersion(), parentConfig.osFeatures(),
                    parentConfig.variant(), newConfig, ImageConfig.RootFs.layers(diffIds), history, container.containerId(),
                    containerConfig, null, null);
            byte[] configBytes = ImageJson.write(config);
            Descriptor configDesc = Descriptor.of(MediaTypes.DOCKER_CONFIG, Blobs.write(content, configBytes, lease), configBytes.length);

            List<Descriptor> layers = new ArrayList<>();
            if (parent.layers().size() == parentConfig.diffIds().size()) {
                layers.addAll(parent.layers());
                if (!empty) layers.add(Descriptor.of(MediaTypes.DOCKER_LAYER_TAR, layer, layerSize));
            } // else the parent exists only as snapshots: so does the child (it cannot be saved, but it runs)
            try (ChainGuard.Hold _ = guard.protect(Unpacker.chainKeys(diffIds))) {
                crash.reached("commit-config-written");
                unpacker.unpack("image " + configDesc.digest(), diffIds, layers);
                crash.reached("commit-unpacked");
                ImageRecord r = store.add(new NewImage(configDesc, layers, List.of(), parentId));
                crash.reached("commit-recorded");
                if (ref != null) store.tag(r.id(), ref, true);
                done = true;
                return r.id();
            }
        } finally {
            if (!done) collectGarbage.run();
        }
    }

    static Reference tagOf(String ref) {
        Reference r = Reference.parseNormalized(ref);
        if (r.isDigested()) throw BerthException.invalid("refusing to create a tag with a digest reference");
        return r.withDefaultTag();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
