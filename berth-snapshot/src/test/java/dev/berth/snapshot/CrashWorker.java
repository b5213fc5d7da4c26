package dev.berth.snapshot;

import dev.berth.snapshot.nativefs.NativeSnapshotter;
import dev.berth.snapshot.overlay.OverlaySnapshotter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashRecoveryIT} and killed with SIGKILL at a random moment: unpacks layers
 * of {@link #FILES} files each, commits them, stacks containers on them and removes some, forever.
 * Arguments: overlay|native, store root, round tag.
 */
public final class CrashWorker {
    static final int FILES = 100;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[1]);
        String round = args[2];
        try (Snapshotter s = args[0].equals("overlay") ? OverlaySnapshotter.open(root, false) : NativeSnapshotter.open(root, false)) {
            String parent = null;
            for (int i = 0; ; i++) {
                Prepared p = s.stage(parent);
                for (int f = 0; f < FILES; f++) Files.writeString(p.dir().resolve("f" + f), "content of " + f);
                String key = "layer-" + round + "-" + i;
                s.commit(key, p.key());
                s.prepare("ctr-" + round + "-" + i, key);
                if (i > 0) s.remove("ctr-" + round + "-" + (i - 1));
                parent = i % 4 == 3 ? null : key; // keep chains short enough for the native copies
                System.out.println("tick " + i);
                System.out.flush();
            }
        }
    }
}
