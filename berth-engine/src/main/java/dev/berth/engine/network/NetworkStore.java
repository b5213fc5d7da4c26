package dev.berth.engine.network;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Networks and per-container attachments as JSON files, written atomically (temp file + rename). */
final class NetworkStore {
    private final Path networks;
    private final Path containers;

    NetworkStore(Path root) {
        this.networks = root.resolve("networks");
        this.containers = root.resolve("containers");
        try {
            Files.createDirectories(networks);
            Files.createDirectories(containers);
        } catch (IOException e) {
            throw BerthException.internal("create " + root + ": " + e.getMessage(), e);
        }
    }

    List<NetworkRecord> loadNetworks() {
        return load(networks, NetworkRecord.class);
    }

    List<Attachment> loadAttachments() {
        return load(containers, Attachment.class);
    }

    void save(NetworkRecord n) {
        write(networks.resolve(n.id() + ".json"), n);
    }

    void save(Attachment a) {
        write(containers.resolve(a.containerId() + ".json"), a);
    }

    void deleteNetwork(String id) {
        delete(networks.resolve(id + ".json"));
    }

    void deleteAttachment(String containerId) {
        delete(containers.resolve(containerId + ".json"));
    }

    private static <T> List<T> load(Path dir, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(Json.mapper().readValue(Files.readAllBytes(p), type));
                } catch (IOException e) {
                    System.getLogger("berthd").log(System.Logger.Level.WARNING, "skipping unreadable " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void write(Path p, Object value) {
        try {
            dev.berth.common.AtomicFiles.write(p, Json.mapper().writeValueAsBytes(value), false);
        } catch (IOException e) {
            throw BerthException.internal("write " + p + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw BerthException.internal("delete " + p + ": " + e.getMessage(), e);
        }
    }
}
