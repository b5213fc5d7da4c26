package dev.berth.image.service;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link LayerInfo} files, one per chain id, written atomically before the snapshot is committed. A file
 * whose snapshot does not exist (a crash between the two) is harmless: it is overwritten by the next
 * unpack and deleted by {@link #retainOnly}. Thread-safe; read once on open.
 */
final class LayerInfoStore {
    private final ServiceLayout layout;
    private final Map<String, LayerInfo> byChain = new ConcurrentHashMap<>();

    LayerInfoStore(ServiceLayout layout) {
        this.layout = layout;
        try {
            Files.createDirectories(layout.layersDir());
            try (Stream<Path> files = Files.list(layout.layersDir())) {
                for (Path p : files.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) {
                        Files.deleteIfExists(p); // an interrupted atomic write
                        continue;
                    }
                    try {
                        LayerInfo info = Json.read(p, LayerInfo.class);
                        if (p.equals(layout.layer(info.chainId()))) byChain.put(info.chainId(), info);
                    } catch (BerthException | NullPointerException e) {
                        Files.deleteIfExists(p); // unreadable: it only caches sizes, the next unpack writes it again
                    }
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("read layer records in " + layout.layersDir() + ": " + e.getMessage(), e);
        }
    }

    Optional<LayerInfo> get(String chainId) {
        return Optional.ofNullable(byChain.get(chainId));
    }

    void put(LayerInfo info) {
        try {
            AtomicFiles.write(layout.layer(info.chainId()), Json.bytes(info), true);
        } catch (IOException e) {
            throw BerthException.internal("write " + layout.layer(info.chainId()) + ": " + e.getMessage(), e);
        }
        byChain.put(info.chainId(), info);
    }

    void delete(String chainId) {
        byChain.remove(chainId);
        try {
            Files.deleteIfExists(layout.layer(chainId));
        } catch (IOException e) {
            throw BerthException.internal("delete " + layout.layer(chainId) + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the records of chains {@code keep} rejects (snapshots removed, or never committed). */
    void retainOnly(java.util.function.Predicate<String> keep) {
        for (String chain : java.util.List.copyOf(byChain.keySet())) {
            if (!keep.test(chain)) delete(chain);
        }
    }
}
