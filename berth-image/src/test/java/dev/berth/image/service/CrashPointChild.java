package dev.berth.image.service;

import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.ImageUsers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child JVM of {@link CrashPointsIT}: runs a fixed script that passes every {@link CrashPoints} point
 * (load two images, commit a container, remove it, rmi with collection, load again) and halts the JVM,
 * as SIGKILL would, the n-th time it reaches the chosen point. Prints "done" if it never did.
 * Args: data root, archives directory, point, n.
 */
public final class CrashPointChild {
    private CrashPointChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path archives = Path.of(args[1]);
        String point = args[2];
        int[] left = {Integer.parseInt(args[3])};
        CrashPoints halt = p -> {
            if (p.equals(point) && --left[0] == 0) Runtime.getRuntime().halt(137);
        };
        try (Images images = Images.open(Images.Options.of(root).withSnapshotter(SnapshotterMode.OVERLAY), halt)) {
            load(images, archives.resolve("a0.tar"));
            load(images, archives.resolve("a1.tar"));
            images.prepareContainer("c", "crash:1", ImagesTestSupport.initFiles("c"));
            Path mnt = Files.createDirectories(root.resolve("mnt/c"));
            images.mountRootfs("c", mnt);
            CrashPayload.write(mnt, "committed", 3 * 1024 * 1024, new Random(1));
            images.unmountRootfs(mnt);
            images.commit("c", CommitOptions.of("committed:1"), ImageConfig.Config.empty());
            images.removeContainer("c");
            images.remove("crash:1", true, true, ImageUsers.NONE);
            images.remove("committed:1", true, true, ImageUsers.NONE);
            load(images, archives.resolve("a1.tar"));
        }
        System.out.println("done");
    }

    private static void load(Images images, Path archive) throws Exception {
        try (InputStream in = Files.newInputStream(archive)) {
            images.load(in, true, l -> { });
        }
    }
}
