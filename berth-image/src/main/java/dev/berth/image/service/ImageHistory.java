package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker history}, after moby's ImageHistory: a row per history entry, newest first; rows of
 * non-empty layers take the size of the layer of that position; the first row gets the image's id and
 * tags, the next its parent's, and so on up the parent chain (locally built images); the rest are
 * "&lt;missing&gt;".
 */
final class ImageHistory {
    private final ImageStore store;
    private final ImageSizes sizes;

    ImageHistory(ImageStore store, ImageSizes sizes) {
        this.store = store;
        this.sizes = sizes;
    }

    List<HistoryRow> history(ImageRecord image) {
        ImageConfig c = store.config(image.id());
        List<Digest> diffIds = c.diffIds();
        List<String> chains = Unpacker.chainKeys(diffIds);
        List<ImageConfig.History> entries = c.history() == null ? List.of() : c.history();
        List<Object[]> rows = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History h : entries) {
            long size = 0;
            if (!Boolean.TRUE.equals(h.emptyLayer())) {
                if (layer >= diffIds.size()) throw BerthException.invalid("too many non-empty layers in History section");
                size = sizes.layerSize(chains.get(layer), image.layers().size() > layer ? image.layers().get(layer) : null);
                layer++;
            }
            long created = ImageConfigTimes.seconds(h.created());
            rows.add(0, new Object[] {created, h.createdBy() == null ? "" : h.createdBy(), size, h.comment() == null ? "" : h.comment()});
        }
        List<HistoryRow> out = new ArrayList<>();
        Optional<ImageRecord> at = Optional.of(image);
        for (Object[] r : rows) {
            String id = "<missing>";
            List<String> tags = List.of();
            if (at.isPresent()) {
                id = at.get().id().toString();
                tags = store.references(at.get().id()).stream().filter(Reference::isTagged).map(Reference::familiarString).toList();
                Digest parent = at.get().parent();
                at = parent == null ? Optional.empty() : store.get(parent);
            }
            out.add(new HistoryRow(id, (long) r[0], (String) r[1], (long) r[2], (String) r[3], tags));
        }
        return out;
    }
}
