package dev.berth.image.store;

import dev.berth.common.BerthException;
import dev.berth.image.content.Blobs;
import dev.berth.image.content.Lease;
import dev.berth.image.model.Descriptor;
import dev.berth.image.model.MediaTypes;
import dev.berth.image.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link CrashLoopIT}: opens the store and runs random add/tag/rmi/gc operations
 * until it is killed. Prints "ready" once open and "op N kind" after each operation.
 */
public final class CrashLoopChild {
    private CrashLoopChild() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        try (ImageStore store = ImageStore.open(root)) {
            System.out.println("ready");
            System.out.flush();
            for (long n = 1; ; n++) {
                String kind = step(store, rnd, args[1] + "-" + n);
                System.out.println("op " + n + " " + kind);
                System.out.flush();
            }
        }
    }

    private static Reference randomRef(Random rnd) {
        return Reference.parseNormalized("repo" + rnd.nextInt(6) + ":t" + rnd.nextInt(3));
    }

    private static String step(ImageStore store, Random rnd, String unique) {
        List<ImageRecord> images = store.images();
        int op = rnd.nextInt(10);
        try {
            if (op <= 2 || images.isEmpty()) {
                try (Lease lease = store.content().lease("add " + unique)) {
                    List<Descriptor> layers = new ArrayList<>();
                    int n = 1 + rnd.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        // Half the layers are shared between images, so gc must respect other users.
                        byte[] data = rnd.nextBoolean() ? ("shared-" + rnd.nextInt(5)).getBytes()
                                : randomBytes(rnd, 1024 + rnd.nextInt(64 * 1024));
                        layers.add(Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, Blobs.write(store.content(), data, lease), data.length));
                    }
                    TestImages t = new TestImages(store.content(), lease);
                    Descriptor config = t.blob(MediaTypes.OCI_CONFIG,
                            TestImages.configBytes(unique, layers, Map.of("n", unique), "2024-01-01T00:00:00Z"));
                    NewImage ni = NewImage.of(config, layers);
                    if (rnd.nextBoolean()) ni = t.withManifest(ni);
                    if (!images.isEmpty() && rnd.nextInt(4) == 0) ni = ni.withParent(images.get(rnd.nextInt(images.size())).id());
                    ImageRecord r = store.add(ni);
                    for (int i = rnd.nextInt(4); i >= 0; i--) store.tag(r.id(), randomRef(rnd), true);
                }
                return "add";
            }
            ImageRecord some = images.get(rnd.nextInt(images.size()));
            switch (op) {
                case 3, 4 -> {
                    store.tag(some.id(), randomRef(rnd), true);
                    return "tag";
                }
                case 5, 6 -> {
                    store.remove(randomRef(rnd).familiarString(), rnd.nextBoolean(), true, ImageUsers.NONE);
                    return "rmi-ref";
                }
                case 7, 8 -> {
                    // Forced removal by ID of an image with several references: the longest multi-step operation.
                    store.remove(some.id().toString(), rnd.nextInt(4) > 0, true, ImageUsers.NONE);
                    return "rmi-id";
                }
                default -> {
                    store.gc();
                    return "gc";
                }
            }
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.INTERNAL) throw e;
            return "refused"; // no such image, conflicts: expected with random operations
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
