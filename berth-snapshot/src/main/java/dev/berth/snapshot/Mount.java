package dev.berth.snapshot;

import dev.berth.common.BerthException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mount to carry out, as data (containerd's {@code mount.Mount}). Snapshotters only build these;
 * {@link Mounter} is what hands them to the kernel, and the runtime may carry them out elsewhere
 * (inside the container's mount namespace).
 *
 * @param type    filesystem type: {@code overlay}, or {@code bind} for a bind mount
 * @param source  {@code overlay} for overlay, the directory for a bind mount
 * @param target  where to mount, relative to the directory the whole list is mounted on; null means on
 *                that directory itself (a snapshot's mounts always have a null target)
 * @param options mount(8)-style options: flag words ({@code ro}, {@code rbind}, {@code nosuid}) and
 *                {@code key=value} filesystem data ({@code lowerdir=/a:/b})
 */
public record Mount(String type, String source, String target, List<String> options) {
    public Mount {
        if (type == null || type.isBlank()) throw BerthException.invalid("mount: empty type");
        if (source == null || source.isEmpty()) throw BerthException.invalid("mount %s: empty source", type);
        if (target != null) {
            Path t = Path.of(target);
            if (target.isEmpty() || t.isAbsolute() || !t.normalize().equals(t) || t.startsWith(".."))
                throw BerthException.invalid("mount %s on %s: target must be a relative path inside the root", type, target);
        }
        options = List.copyOf(options);
        for (String o : options) {
            if (o.isEmpty() || o.indexOf(',') >= 0 || o.indexOf(0) >= 0)
                throw BerthException.invalid("mount %s: bad option '%s' (empty, or holds a comma or NUL)", type, o);
        }
    }

    /** A bind mount of a directory, read-only or read-write ({@code rbind} so nothing below is lost). */
    public static Mount bind(Path dir, boolean readOnly) {
        return new Mount("bind", dir.toString(), null, List.of(readOnly ? "ro" : "rw", "rbind"));
    }

    public static Mount overlay(List<String> options) {
        return new Mount("overlay", "overlay", null, options);
    }

    /** The value of a {@code key=value} option, if present (the last one wins, as in the kernel). */
    public Optional<String> option(String key) {
        String prefix = key + "=";
        String found = null;
        for (String o : options) if (o.startsWith(prefix)) found = o.substring(prefix.length());
        return Optional.ofNullable(found);
    }

    /** Whether a flag word such as {@code ro} is present. */
    public boolean hasFlag(String flag) {
        return options.contains(flag);
    }

    /** The lower directories of an overlay mount, topmost first (empty for other mounts). */
    public List<String> lowerDirs() {
        return option("lowerdir").map(v -> List.of(v.split(":"))).orElse(List.of());
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(type);
        parts.add(source);
        if (target != null) parts.add("on " + target);
        parts.add(String.join(",", options));
        return String.join(" ", parts);
    }
}
