package dev.berth.image.service;

import dev.berth.image.model.Descriptor;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.ImageRecord;
import java.util.List;

/**
 * Sizes as Docker shows them: a layer's unpacked size (see {@link LayerInfo#size}) where it has been
 * unpacked, else the size of its blob; an image's size is the sum over its layers.
 */
final class ImageSizes {
    private final LayerInfoStore infos;

    ImageSizes(LayerInfoStore infos) {
        this.infos = infos;
    }

    long layerSize(String chain, Descriptor blob) {
        return infos.get(chain).map(LayerInfo::size).orElse(blob == null ? 0L : blob.size());
    }

    long imageSize(ImageRecord r, ImageConfig c) {
        List<String> chains = Unpacker.chainKeys(c.diffIds());
        long sum = 0;
        for (int i = 0; i < chains.size(); i++) sum += layerSize(chains.get(i), i < r.layers().size() ? r.layers().get(i) : null);
        return sum;
    }
}
