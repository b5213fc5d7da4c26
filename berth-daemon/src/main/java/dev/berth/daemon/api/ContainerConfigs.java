package dev.berth.daemon.api;

import dev.berth.common.Json;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.image.model.ImageConfig;

/** The container's Config in the image config's shape (same JSON field names), for commit. */
final class ContainerConfigs {
    private ContainerConfigs() {}

    static ImageConfig.Config toImageConfig(ContainerConfig c) {
        if (c == null) return null;
        return Json.mapper().convertValue(c, ImageConfig.Config.class);
    }
}
