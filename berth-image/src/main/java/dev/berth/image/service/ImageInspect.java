package dev.berth.image.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker image inspect} (GET /images/{name}/json) as dockerd 20.10 answers it; {@link #toJson()}
 * gives the exact wire shape (field names, order, Docker's empty values).
 *
 * @param config          the image's config in container.Config's shape
 * @param containerConfig the config of the container it was committed from (empty shape when none)
 * @param size            the image's size (unpacked layers where known, see {@link Images#inspect})
 * @param graphDriverName "overlay2" or "vfs", after the snapshotter
 * @param lastTagTime     RFC 3339, Go's zero time when never tagged
 */
public record ImageInspect(String id, List<String> repoTags, List<String> repoDigests, String parent, String comment,
                           String created, String container, Map<String, Object> containerConfig, String dockerVersion,
                           String author, Map<String, Object> config, String architecture, String variant, String os,
                           String osVersion, long size, String graphDriverName, List<String> layers, String lastTagTime) {
    public ImageInspect {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
    }

    /** The response body, in Docker's field order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", id);
        m.put("RepoTags", repoTags);
        m.put("RepoDigests", repoDigests);
        m.put("Parent", parent);
        m.put("Comment", comment);
        m.put("Created", created);
        m.put("Container", container);
        m.put("ContainerConfig", containerConfig);
        m.put("DockerVersion", dockerVersion);
        m.put("Author", author);
        m.put("Config", config);
        m.put("Architecture", architecture);
        if (variant != null && !variant.isEmpty()) m.put("Variant", variant);
        m.put("Os", os);
        if (osVersion != null && !osVersion.isEmpty()) m.put("OsVersion", osVersion);
        m.put("Size", size);
        m.put("VirtualSize", size);
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("Data", null);
        driver.put("Name", graphDriverName);
        m.put("GraphDriver", driver);
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("Type", "layers");
        rootfs.put("Layers", layers);
        m.put("RootFS", rootfs);
        m.put("Metadata", Map.of("LastTagTime", lastTagTime));
        return m;
    }
}
