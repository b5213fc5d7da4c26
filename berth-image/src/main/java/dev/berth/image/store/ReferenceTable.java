package dev.berth.image.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Digest;
import dev.berth.image.ref.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * References (repo:tag and repo@digest) to image IDs, kept in one {@code repositories.json} in
 * Docker's own format, keyed by familiar names. One file, rewritten atomically on every change,
 * makes each tag/untag a single atomic step.
 */
final class ReferenceTable {
    record FileJson(@JsonProperty("Repositories") Map<String, Map<String, Digest>> repositories) {}

    private final Path file;
    /** Full reference string (normalised) to entry. */
    private final TreeMap<String, Map.Entry<Reference, Digest>> refs = new TreeMap<>();

    private ReferenceTable(Path file) {
        this.file = file;
    }

    static ReferenceTable load(Path file, List<String> problems) {
        ReferenceTable t = new ReferenceTable(file);
        if (!Files.exists(file)) return t;
        FileJson json = Json.read(file, FileJson.class);
        if (json.repositories() == null) return t;
        json.repositories().forEach((repo, entries) -> {
            if (entries == null) return;
            entries.forEach((key, id) -> {
                try {
                    Reference ref = Reference.parseNormalized(key);
                    if (!ref.familiarName().equals(repo) || id == null) {
                        problems.add("reference " + key + " in " + file + " is filed under repository " + repo);
                        return;
                    }
                    t.refs.put(ref.toString(), Map.entry(ref, id));
                } catch (BerthException e) {
                    problems.add("reference " + key + " in " + file + " is invalid: " + e.getMessage());
                }
            });
        });
        return t;
    }

    Optional<Digest> get(Reference ref) {
        Map.Entry<Reference, Digest> e = refs.get(ref.toString());
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** References to {@code id}, sorted by their full string. */
    List<Reference> referencesTo(Digest id) {
        List<Reference> out = new ArrayList<>();
        for (Map.Entry<Reference, Digest> e : refs.values()) if (e.getValue().equals(id)) out.add(e.getKey());
        return out;
    }

    /** Every reference with the image it names, sorted by reference. */
    Map<Reference, Digest> all() {
        Map<Reference, Digest> out = new LinkedHashMap<>();
        refs.values().forEach(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    void put(Reference ref, Digest id) throws IOException {
        Map.Entry<Reference, Digest> old = refs.put(ref.toString(), Map.entry(ref, id));
        try {
            save();
        } catch (IOException | RuntimeException e) {
            if (old == null) refs.remove(ref.toString());
            else refs.put(ref.toString(), old);
            throw e;
        }
    }

    boolean remove(Reference ref) throws IOException {
        Map.Entry<Reference, Digest> old = refs.remove(ref.toString());
        if (old == null) return false;
        try {
            save();
        } catch (IOException | RuntimeException e) {
            refs.put(ref.toString(), old);
            throw e;
        }
        return true;
    }

    private void save() throws IOException {
        Map<String, Map<String, Digest>> repos = new TreeMap<>();
        for (Map.Entry<Reference, Digest> e : refs.values()) {
            repos.computeIfAbsent(e.getKey().familiarName(), k -> new TreeMap<>())
                    .put(e.getKey().familiarString(), e.getValue());
        }
        AtomicFiles.write(file, Json.pretty(new FileJson(repos)), true);
    }
}
