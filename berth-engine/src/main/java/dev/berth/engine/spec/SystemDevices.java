package dev.berth.engine.spec;

import dev.berth.oci.runtime.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link DeviceLookup#system()}: stat(2) through Java's unix attribute view, as runc's DeviceFromPath. */
final class SystemDevices {
    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFIFO = 0010000;

    private SystemDevices() {}

    static List<Spec.Device> devicesAt(String hostPath) {
        Path path = Path.of(hostPath);
        Optional<Spec.Device> node = node(path, hostPath);
        if (node.isPresent()) return List.of(node.get());
        if (!Files.isDirectory(path)) return List.of();
        List<Spec.Device> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            walk.forEach(p -> node(p, p.toString(), LinkOption.NOFOLLOW_LINKS).ifPresent(out::add));
        } catch (IOException | java.io.UncheckedIOException e) {
            // Docker ignores entries it cannot read while walking a device directory.
        }
        return List.copyOf(out);
    }

    private static Optional<Spec.Device> node(Path p, String name, LinkOption... options) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:mode,rdev,uid,gid", options);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        int mode = (Integer) a.get("mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            case S_IFIFO -> "p";
            default -> null;
        };
        if (type == null) return Optional.empty();
        long rdev = (Long) a.get("rdev");
        return Optional.of(new Spec.Device(type, name, major(rdev), minor(rdev), mode & 07777,
                (Integer) a.get("uid"), (Integer) a.get("gid")));
    }

    /** glibc's gnu_dev_major. */
    static long major(long dev) {
        return ((dev & 0xfff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
    }

    /** glibc's gnu_dev_minor. */
    static long minor(long dev) {
        return (dev & 0xffL) | ((dev & 0xffffff00000L) >>> 12);
    }
}
