package dev.berth.daemon;

import dev.berth.common.BerthException;
import dev.berth.engine.container.ImageAccess;
import dev.berth.image.service.Images;
import dev.berth.image.store.ImageRecord;
import dev.berth.snapshot.ContainerLayers;
import java.nio.file.Path;

/** The container side's view of the image service. */
final class ImagesAccess implements ImageAccess {
    private final Images images;

    ImagesAccess(Images images) {
        this.images = images;
    }

    @Override
    public ResolvedImage resolve(String ref) {
        ImageRecord r;
        try {
            r = images.resolve(ref);
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.NOT_FOUND) throw BerthException.notFound("No such image: %s", ImageNames.withLatest(ref));
            throw e;
        }
        return new ResolvedImage(r.id().toString(), images.config(r.id().toString()));
    }

    @Override
    public void prepare(String containerId, String imageId, String hostname) {
        images.prepareContainer(containerId, imageId, ContainerLayers.dockerInitFiles(hostname, "", ""));
    }

    @Override
    public void mount(String containerId, Path target) {
        images.mountRootfs(containerId, target);
    }

    @Override
    public void unmount(String containerId, Path target) {
        images.unmountRootfs(target);
    }

    @Override
    public void remove(String containerId) {
        images.removeContainer(containerId);
    }
}
