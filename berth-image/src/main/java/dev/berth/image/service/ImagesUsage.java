package dev.berth.image.service;

import java.util.List;

/**
 * The images part of {@code docker system df}.
 *
 * @param layersSize bytes of all distinct layers (each shared layer once)
 * @param images     one entry per image
 */
public record ImagesUsage(long layersSize, List<Entry> images) {
    public ImagesUsage {
        images = List.copyOf(images);
    }

    /**
     * @param size       the image's size (all its layers)
     * @param sharedSize bytes of its layers that other images also have
     * @param containers containers using it
     */
    public record Entry(String id, List<String> repoTags, long created, long size, long sharedSize, int containers) {
        public Entry {
            repoTags = List.copyOf(repoTags);
        }
    }

    /** Images used by at least one container. */
    public long active() {
        return images.stream().filter(e -> e.containers() > 0).count();
    }

    /**
     * What removing every unused image would free: the layers no used image has (Docker's CLI estimate is
     * the same idea).
     */
    public long reclaimable(long usedLayersSize) {
        return Math.max(0, layersSize - usedLayersSize);
    }
}
