package dev.berth.image.service;

import dev.berth.image.content.Digest;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageStore;
import java.time.Instant;
import java.util.List;

/** Builds {@link ImageInspect} from a record, its config and the sizes, as moby's ImageInspect does. */
final class ImageInspector {
    private final ImageStore store;
    private final ImageSizes sizes;
    private final String driverName;

    ImageInspector(ImageStore store, ImageSizes sizes, String driverName) {
        this.store = store;
        this.sizes = sizes;
        this.driverName = driverName;
    }

    ImageInspect inspect(ImageRecord r) {
        ImageConfig c = store.config(r.id());
        List<Reference> refs = store.references(r.id());
        List<String> tags = refs.stream().filter(Reference::isTagged).map(Reference::familiarString).toList();
        List<String> digests = refs.stream().filter(Reference::isDigested).map(Reference::familiarString).toList();
        String comment = c.extra().get("comment") instanceof String s ? s : "";
        if (comment.isEmpty() && c.history() != null && !c.history().isEmpty()) {
            String last = c.history().get(c.history().size() - 1).comment();
            comment = last == null ? "" : last;
        }
        Instant created = ImageConfigTimes.instant(c.created());
        return new ImageInspect(r.id().toString(), tags, digests, r.parent() == null ? "" : r.parent().toString(), comment,
                created == null ? "" : rfc3339Nano(created), nullToEmpty(c.container()), DockerJson.containerConfig(c.containerConfig()),
                nullToEmpty(c.dockerVersion()), nullToEmpty(c.author()), DockerJson.containerConfig(c.config()),
                nullToEmpty(c.architecture()), c.variant(), c.os() == null ? "linux" : c.os(), c.osVersion(),
                sizes.imageSize(r, c), driverName, c.diffIds().stream().map(Digest::toString).toList(),
                r.lastTagTime() == null ? "0001-01-01T00:00:00Z" : rfc3339Nano(r.lastTagTime()));
    }

    /** Go's time.RFC3339Nano in UTC: the fraction without trailing zeros. */
    static String rfc3339Nano(Instant t) {
        String s = t.toString(); // 2024-01-01T00:00:00.100Z or ...:00Z
        int dot = s.indexOf('.');
        if (dot < 0) return s;
        String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
