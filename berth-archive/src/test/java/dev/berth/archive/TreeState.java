package dev.berth.archive;

import dev.berth.archive.internal.NativeFs;
import dev.berth.archive.internal.RawNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A comparable description of a directory tree read with java.nio (independent of the code under
 * test; xattrs through NativeFs's plain llistxattr/lgetxattr): one line per path with type,
 * permissions, owner, size, times, device number, symlink target, content digest, xattrs and which
 * earlier path it is a hardlink of.
 */
final class TreeState {
    /** What to compare. */
    record Options(boolean atimes, boolean nanos, boolean dirMtimes) {
        static final Options EXACT = new Options(true, true, true);
        static final Options SECONDS = new Options(false, false, true);
        static final Options SECONDS_NO_DIR_TIMES = new Options(false, false, false);
    }

    private TreeState() {}

    static Map<String, String> of(Path root, Options o) {
        Map<String, String> out = new TreeMap<>();
        Map<String, String> firstByInode = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> paths = s.sorted().toList();
            for (Path p : paths) {
                if (p.equals(root)) continue;
                String rel = root.relativize(p).toString();
                out.put(rel, describe(p, o, firstByInode, rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(Path p, Options o, Map<String, String> firstByInode, String rel) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int type = mode & 0170000;
        boolean dir = type == 0040000;
        StringBuilder b = new StringBuilder();
        b.append(String.format("%06o", mode)).append(' ').append(a.get("uid")).append(':').append(a.get("gid"));
        if (!dir) b.append(" size=").append(a.get("size"));
        if (!dir || o.dirMtimes()) b.append(" mtime=").append(time((FileTime) a.get("lastModifiedTime"), o.nanos()));
        if (o.atimes()) b.append(" atime=").append(time((FileTime) a.get("lastAccessTime"), o.nanos()));
        if (type == 0020000 || type == 0060000) b.append(" rdev=").append(Long.toHexString((Long) a.get("rdev")));
        if (type == 0120000) b.append(" -> ").append(Files.readSymbolicLink(p));
        if (!dir && (Integer) a.get("nlink") > 1 && type != 0020000) {
            String key = a.get("dev") + ":" + a.get("ino");
            String first = firstByInode.putIfAbsent(key, rel);
            if (first != null) b.append(" hardlink-of=").append(first);
        }
        if (type == 0100000) b.append(" sha=").append(sha(p));
        b.append(xattrs(p));
        return b.toString();
    }

    private static String time(FileTime t, boolean nanos) {
        var i = t.toInstant();
        return nanos ? i.getEpochSecond() + "." + i.getNano() : Long.toString(i.getEpochSecond());
    }

    static String sha(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String xattrs(Path p) throws IOException {
        String raw = RawNames.fromDisplay(p.toAbsolutePath().toString());
        if (raw.indexOf('\ufffd') >= 0 || p.toString().indexOf('\ufffd') >= 0) return " xattrs=?";
        StringBuilder b = new StringBuilder();
        try (NativeFs fs = new NativeFs()) {
            for (String name : new java.util.TreeSet<>(fs.llistxattr(raw))) {
                if (name.equals("security.selinux")) continue;
                b.append(' ').append(name).append('=').append(HexFormat.of().formatHex(fs.lgetxattr(raw, name)));
            }
        }
        return b.toString();
    }
}
