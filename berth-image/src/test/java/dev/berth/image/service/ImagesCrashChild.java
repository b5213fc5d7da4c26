package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import dev.berth.image.store.ImageRecord;
import dev.berth.image.store.ImageUsers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The child JVM of {@link ImagesCrashLoopIT}: opens the data root and runs random load, commit, unpack
 * (rmi + load again, and ensureUnpacked), rmi and collect operations until it is killed. Prints "ready"
 * once open and "op N kind" after each operation. Args: data root, seed, directory of archives to load.
 */
public final class ImagesCrashChild {
    private ImagesCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        List<Path> archives;
        try (Stream<Path> s = Files.list(Path.of(args[2]))) {
            archives = s.sorted().toList();
        }
        try (Images images = Images.open(Images.Options.of(root).withSnapshotter(SnapshotterMode.OVERLAY))) {
            System.out.println("ready");
            System.out.flush();
            for (long n = 1; ; n++) {
                String kind = step(images, root, rnd, archives, args[1] + "-" + n);
                System.out.println("op " + n + " " + kind);
                System.out.flush();
            }
        }
    }

    private static String step(Images images, Path root, Random rnd, List<Path> archives, String unique) throws Exception {
        List<ImageRecord> all = images.store().images();
        int op = rnd.nextInt(10);
        try {
            if (op <= 2 || all.isEmpty()) {
                try (InputStream in = Files.newInputStream(archives.get(rnd.nextInt(archives.size())))) {
                    images.load(in, true, l -> { });
                }
                return "load";
            }
            ImageRecord some = all.get(rnd.nextInt(all.size()));
            switch (op) {
                case 3, 4, 5 -> {
                    String id = "c" + unique;
                    images.prepareContainer(id, some.id().toString(), ImagesTestSupport.initFiles(id));
                    Path mnt = Files.createDirectories(root.resolve("mnt").resolve(id));
                    images.mountRootfs(id, mnt);
                    try {
                        CrashPayload.write(mnt, id, 256 * 1024 + rnd.nextInt(4 * 1024 * 1024), rnd);
                    } finally {
                        images.unmountRootfs(mnt);
                    }
                    images.commit(id, CommitOptions.of(rnd.nextBoolean() ? "committed:" + rnd.nextInt(4) : null), ImageConfig.Config.empty());
                    images.removeContainer(id);
                    Files.delete(mnt);
                    return "commit";
                }
                case 6 -> {
                    images.ensureUnpacked(some.id().toString());
                    return "unpack";
                }
                case 7, 8 -> {
                    images.remove(some.id().toString(), true, true, ImageUsers.NONE);
                    return "rmi";
                }
                default -> {
                    images.collect();
                    return "gc";
                }
            }
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.INTERNAL) throw e;
            return "refused"; // conflicts (children), an image removed meanwhile: expected with random operations
        }
    }
}
