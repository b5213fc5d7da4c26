package dev.berth.image.store;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Digest;
import dev.berth.image.model.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads and writes the per-image record files; every write is atomic and fsynced. */
final class RecordFiles {
    /** The JSON shape of a record file (times as RFC 3339 strings). */
    record RecordJson(
            Digest id, Descriptor config, List<Descriptor> layers, List<Digest> manifests,
            String created, long size, Digest parent, String lastTagTime) {}

    private RecordFiles() {}

    static Map<Digest, ImageRecord> loadAll(StoreLayout layout, List<String> problems) throws IOException {
        Map<Digest, ImageRecord> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(layout.imagesDir())) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".json") || !Digest.isValid("sha256:" + name.substring(0, name.length() - 5))) {
                    problems.add("unexpected file " + p + " among the image records");
                    continue;
                }
                try {
                    ImageRecord r = fromJson(Json.read(p, RecordJson.class));
                    if (!p.equals(layout.record(r.id()))) {
                        problems.add("image record " + p + " holds image " + r.id());
                        continue;
                    }
                    out.put(r.id(), r);
                } catch (BerthException | IllegalArgumentException | NullPointerException e) {
                    problems.add("image record " + p + " is unreadable: " + e.getMessage());
                }
            }
        }
        return out;
    }

    static void write(StoreLayout layout, ImageRecord r) throws IOException {
        AtomicFiles.write(layout.record(r.id()), Json.pretty(toJson(r)), true);
    }

    static void delete(StoreLayout layout, Digest id) throws IOException {
        Files.deleteIfExists(layout.record(id));
        AtomicFiles.fsyncDir(layout.imagesDir());
    }

    /** Removes temp files an interrupted {@link AtomicFiles#write} left in {@code dir}. */
    static void removeTempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.contains(".tmp-")) Files.deleteIfExists(p);
            }
        }
    }

    private static RecordJson toJson(ImageRecord r) {
        return new RecordJson(r.id(), r.config(), r.layers(), r.manifests(), r.created().toString(), r.size(),
                r.parent(), r.lastTagTime() == null ? null : r.lastTagTime().toString());
    }

    private static ImageRecord fromJson(RecordJson j) {
        return new ImageRecord(j.id(), j.config(), j.layers(), j.manifests(), Instant.parse(j.created()), j.size(),
                j.parent(), j.lastTagTime() == null ? null : Instant.parse(j.lastTagTime()));
    }
}
