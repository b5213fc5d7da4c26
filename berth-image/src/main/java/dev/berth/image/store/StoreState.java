package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.Digest;
import dev.berth.image.ref.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory mirror of the on-disk metadata, and the only code that changes either. Every
 * change writes the disk first (atomically) and then memory. Callers hold the store lock.
 */
final class StoreState {
    /** Called at every durable step, so tests can stop an operation there as a crash would. */
    interface Steps {
        void reached(String step);

        Steps NONE = step -> {};
    }

    final StoreLayout layout;
    final ContentStore content;
    final Steps steps;
    private final Map<Digest, ImageRecord> records;
    private final ReferenceTable refs;
    private final List<String> loadProblems;

    StoreState(StoreLayout layout, ContentStore content, Steps steps,
               Map<Digest, ImageRecord> records, ReferenceTable refs, List<String> loadProblems) {
        this.layout = layout;
        this.content = content;
        this.steps = steps;
        this.records = new TreeMap<>(records);
        this.refs = refs;
        this.loadProblems = List.copyOf(loadProblems);
    }

    List<String> loadProblems() {
        return loadProblems;
    }

    Optional<ImageRecord> record(Digest id) {
        return Optional.ofNullable(records.get(id));
    }

    Collection<ImageRecord> records() {
        return List.copyOf(records.values());
    }

    List<ImageRecord> children(Digest id) {
        List<ImageRecord> out = new ArrayList<>();
        for (ImageRecord r : records.values()) if (id.equals(r.parent())) out.add(r);
        return out;
    }

    void putRecord(ImageRecord r) {
        try {
            RecordFiles.write(layout, r);
        } catch (IOException e) {
            throw BerthException.internal("write image record " + layout.record(r.id()) + ": " + e.getMessage(), e);
        }
        records.put(r.id(), r);
        steps.reached("record-written");
    }

    void deleteRecord(Digest id) {
        try {
            RecordFiles.delete(layout, id);
        } catch (IOException e) {
            throw BerthException.internal("delete image record " + layout.record(id) + ": " + e.getMessage(), e);
        }
        records.remove(id);
        steps.reached("record-deleted");
    }

    Optional<Digest> lookup(Reference ref) {
        return refs.get(ref);
    }

    List<Reference> referencesTo(Digest id) {
        return refs.referencesTo(id);
    }

    Map<Reference, Digest> allReferences() {
        return refs.all();
    }

    void putReference(Reference ref, Digest id) {
        try {
            refs.put(ref, id);
        } catch (IOException e) {
            throw BerthException.internal("write " + layout.repositories() + ": " + e.getMessage(), e);
        }
        steps.reached("reference-written");
    }

    boolean removeReference(Reference ref) {
        boolean removed;
        try {
            removed = refs.remove(ref);
        } catch (IOException e) {
            throw BerthException.internal("write " + layout.repositories() + ": " + e.getMessage(), e);
        }
        if (removed) steps.reached("reference-removed");
        return removed;
    }
}
