package dev.berth.engine.container;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** The containers berthd knows, in memory and on disk (each record written atomically). */
public final class ContainerStore {
    private static final Logger LOG = Logger.getLogger(ContainerStore.class.getName());

    private final ContainerPaths paths;
    private final Map<String, ContainerRecord> records = new ConcurrentHashMap<>();

    public ContainerStore(ContainerPaths paths) {
        this.paths = paths;
    }

    public ContainerPaths paths() {
        return paths;
    }

    /** Reads every record on disk; a directory without a readable record is a leftover of a crash during create. */
    public List<ContainerRecord> load() throws IOException {
        Files.createDirectories(paths.root());
        List<ContainerRecord> out = new ArrayList<>();
        try (var s = Files.list(paths.root())) {
            for (Path d : s.toList()) {
                Path rec = d.resolve("config.v2.json");
                if (!Files.isRegularFile(rec)) {
                    LOG.warning("removing incomplete container dir " + d);
                    SafeDelete.tree(d);
                    continue;
                }
                try {
                    ContainerRecord r = Json.read(rec, ContainerRecord.class);
                    records.put(r.id(), r);
                    out.add(r);
                } catch (BerthException e) {
                    LOG.warning("skipping unreadable container record " + rec + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    public void save(ContainerRecord r) {
        try {
            Files.createDirectories(paths.dir(r.id()));
        } catch (IOException e) {
            throw BerthException.internal("create " + paths.dir(r.id()) + ": " + e.getMessage(), e);
        }
        Json.writeAtomic(paths.record(r.id()), r);
        records.put(r.id(), r);
    }

    public ContainerRecord get(String id) {
        ContainerRecord r = records.get(id);
        if (r == null) throw BerthException.notFound("No such container: %s", id);
        return r;
    }

    public Collection<ContainerRecord> all() {
        return records.values();
    }

    public void delete(String id) {
        records.remove(id);
        SafeDelete.tree(paths.dir(id));
    }
}
