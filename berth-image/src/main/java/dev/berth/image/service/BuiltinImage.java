package dev.berth.image.service;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where Berth's built-in {@code busybox:latest} archive (made by scripts/make-busybox-image.sh at build
 * time, target/busybox-image.tar of berth-image) is found at run time, first match wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY} (the launcher sets it);</li>
 *   <li>{@code busybox-image.tar} beside the jar holding this class, or one directory up (an install's
 *       lib/ or a checkout's target/);</li>
 *   <li>{@value #INSTALLED}.</li>
 * </ol>
 */
public final class BuiltinImage {
    public static final String PROPERTY = "berth.busybox";
    public static final String FILE = "busybox-image.tar";
    public static final String INSTALLED = "/usr/local/lib/berth/lib/busybox-image.tar";
    public static final String REFERENCE = "busybox:latest";

    private BuiltinImage() {}

    /** The archive to load, if one exists. */
    public static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) return Optional.of(Path.of(prop)).filter(Files::isRegularFile);
        jarDir().ifPresent(dir -> {
            candidates.add(dir.resolve(FILE));
            if (dir.getParent() != null) candidates.add(dir.getParent().resolve(FILE));
        });
        candidates.add(Path.of(INSTALLED));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static Optional<Path> jarDir() {
        try {
            CodeSource src = BuiltinImage.class.getProtectionDomain().getCodeSource();
            if (src == null || src.getLocation() == null) return Optional.empty();
            Path p = Path.of(src.getLocation().toURI());
            return Optional.ofNullable(p.getParent()); // target/classes -> target, lib/x.jar -> lib
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
