package dev.berth.snapshot.internal;

import dev.berth.common.BerthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and rewrites overlayfs option lists. Pure.
 *
 * <p>The kernel copies mount(2)'s data argument into one page, so the comma-joined options must fit in
 * {@link #PAGE_LIMIT} bytes including the terminating NUL. With absolute paths that allows about 60 layers
 * under a short data root and far fewer under a long one; {@link #compact} and the new mount API (see
 * {@code Mounter}) lift the limit.
 */
public final class OverlayOptions {
    /** The smallest page size Linux runs with; mount(2) data beyond it is cut off. */
    public static final int PAGE_LIMIT = 4096;

    /** Ours on every overlay: with the index on, an upper reused over a different lower stack fails to mount (ESTALE). */
    public static final String INDEX_OFF = "index=off";

    private OverlayOptions() {}

    /** A writable overlay: {@code upper} over {@code lowers} (topmost first). */
    public static List<String> writable(List<Path> lowers, Path upper, Path work) {
        if (lowers.isEmpty()) throw new IllegalArgumentException("overlay needs at least one lower directory");
        checkPath(upper);
        checkPath(work);
        return List.of(INDEX_OFF, "workdir=" + work, "upperdir=" + upper, lowerdir(lowers));
    }

    /** A read-only overlay of {@code lowers} (topmost first); the kernel wants at least two for that. */
    public static List<String> readOnly(List<Path> lowers) {
        if (lowers.size() < 2) throw new IllegalArgumentException("a read-only overlay needs at least two lower directories");
        return List.of("ro", INDEX_OFF, lowerdir(lowers));
    }

    private static String lowerdir(List<Path> lowers) {
        List<String> parts = new ArrayList<>(lowers.size());
        for (Path p : lowers) {
            checkPath(p);
            parts.add(p.toString());
        }
        return "lowerdir=" + String.join(":", parts);
    }

    /**
     * Refuses paths overlay cannot take in its option string: ':' separates lower layers, ',' options, and
     * a backslash would be read as an escape.
     */
    public static void checkPath(Path p) {
        String s = p.toString();
        if (!p.isAbsolute()) throw BerthException.invalid("overlay path %s must be absolute", s);
        for (char c : new char[] {':', ',', '\\', '\n', '\0'}) {
            if (s.indexOf(c) >= 0)
                throw BerthException.invalid("overlay cannot use path %s: it contains '%s'", s, c == '\n' ? "\\n" : c == '\0' ? "\\0" : String.valueOf(c));
        }
    }

    /** The data string mount(2) would get, and whether it fits in a page. */
    public static boolean fitsInPage(String data) {
        return data == null || data.getBytes(StandardCharsets.UTF_8).length + 1 <= PAGE_LIMIT;
    }

    /**
     * Options rewritten with lower directories relative to their deepest common directory, to be mounted
     * by a thread whose working directory is that directory (what Docker's overlay2 and containerd do).
     *
     * @param cwd     the directory to change into before mounting
     * @param options the same options with a relative lowerdir
     */
    public record Compacted(Path cwd, List<String> options) {}

    public static Compacted compact(List<String> options) {
        List<Path> lowers = new ArrayList<>();
        for (String o : options) {
            if (o.startsWith("lowerdir=")) for (String l : o.substring(9).split(":")) lowers.add(Path.of(l));
        }
        if (lowers.isEmpty()) throw new IllegalArgumentException("no lowerdir option to compact");
        Path common = lowers.get(0).getParent();
        for (Path l : lowers) {
            if (!l.isAbsolute()) throw new IllegalArgumentException("lowerdir " + l + " is already relative");
            while (common != null && (!l.startsWith(common) || l.equals(common))) common = common.getParent();
        }
        if (common == null) throw new IllegalArgumentException("lower directories share no directory");
        List<String> rel = new ArrayList<>(lowers.size());
        for (Path l : lowers) rel.add(common.relativize(l).toString());
        List<String> out = new ArrayList<>(options.size());
        for (String o : options) out.add(o.startsWith("lowerdir=") ? "lowerdir=" + String.join(":", rel) : o);
        return new Compacted(common, List.copyOf(out));
    }
}
