package dev.berth.runtime.it;

import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OCI bundles for the integration tests: a directory with a busybox rootfs (copied from a template made once per
 * JVM by scripts/make-busybox-rootfs.sh) and a config.json written from a {@link Spec}.
 */
public final class Bundles {
    private static Path template;

    private final Path dir;

    public Bundles(Path dir) {
        this.dir = dir;
    }

    /** The checkout's top directory: failsafe runs in the module directory, whose parent it is. */
    public static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (Files.isRegularFile(p.resolve("scripts/make-busybox-rootfs.sh"))) return p;
        throw new IllegalStateException("scripts/make-busybox-rootfs.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static synchronized Path template() {
        if (template == null) {
            try {
                Path t = Files.createTempDirectory("berth-it-rootfs-");
                Path rootfs = t.resolve("rootfs");
                Cmd.check(Cmd.run(repoRoot().resolve("scripts/make-busybox-rootfs.sh").toString(), rootfs.toString()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Cmd.run("rm", "-rf", "--one-file-system", t.toString())));
                template = rootfs;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return template;
    }

    /** A new bundle dir/name with its own copy of the busybox rootfs and config.json from spec. */
    public Path create(String name, Spec spec) {
        Path bundle = dir.resolve(name);
        try {
            Files.createDirectories(bundle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Cmd.check(Cmd.run("cp", "-a", template().toString(), bundle.resolve("rootfs").toString()));
        writeConfig(bundle, spec);
        return bundle;
    }

    public static Path rootfs(Path bundle) {
        return bundle.resolve("rootfs");
    }

    public static void writeConfig(Path bundle, Spec spec) {
        try {
            Files.write(bundle.resolve("config.json"), Json.pretty(spec));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
