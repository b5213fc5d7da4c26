package dev.berth.image.service;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** {@link RootfsRecord} files, written atomically before a container's layers are made, deleted after they are removed. */
final class RootfsRecords {
    /** Docker's container ids and names are safe file names; anything else is refused before it reaches a path. */
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    private final ServiceLayout layout;

    RootfsRecords(ServiceLayout layout) {
        this.layout = layout;
        try {
            Files.createDirectories(layout.rootfsDir());
            try (var files = Files.list(layout.rootfsDir())) {
                for (Path p : files.toList()) {
                    if (p.getFileName().toString().startsWith(".")) Files.deleteIfExists(p); // an interrupted atomic write
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("create " + layout.rootfsDir() + ": " + e.getMessage(), e);
        }
    }

    static String checkId(String containerId) {
        if (containerId == null || !ID.matcher(containerId).matches() || containerId.endsWith("-init")) {
            throw BerthException.invalid("invalid container id '%s'", containerId);
        }
        return containerId;
    }

    void put(RootfsRecord r) {
        try {
            AtomicFiles.write(layout.rootfs(r.containerId()), Json.bytes(r), true);
        } catch (IOException e) {
            throw BerthException.internal("write " + layout.rootfs(r.containerId()) + ": " + e.getMessage(), e);
        }
    }

    RootfsRecord require(String containerId) {
        Path p = layout.rootfs(checkId(containerId));
        if (!Files.exists(p)) throw BerthException.notFound("container %s has no layers", containerId);
        return Json.read(p, RootfsRecord.class);
    }

    /** The containers that have a record, sorted. */
    java.util.List<String> ids() {
        try (var files = Files.list(layout.rootfsDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw BerthException.internal("list " + layout.rootfsDir() + ": " + e.getMessage(), e);
        }
    }

    void delete(String containerId) {
        try {
            Files.deleteIfExists(layout.rootfs(checkId(containerId)));
        } catch (IOException e) {
            throw BerthException.internal("delete " + layout.rootfs(containerId) + ": " + e.getMessage(), e);
        }
    }
}
