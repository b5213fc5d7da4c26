package dev.berth.cli.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar side of docker cp: a local path packed as entries named after its base (or its
 * contents, for "dir/."), entries rebased from the source name to the destination name, and
 * extraction that refuses to leave the destination directory.
 */
final class CpArchive {
    private CpArchive() {}

    /** Writes {@code source} as a tar whose top entry is {@code name} (all of a directory's tree under it). */
    static void pack(Path source, String name, boolean followLink, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Path root = followLink ? source.toRealPath() : source;
            if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || followLink && Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        String rel = root.relativize(p).toString();
                        add(tar, p, rel.isEmpty() ? name : name + "/" + rel);
                    }
                }
            } else {
                add(tar, root, name);
            }
            tar.finish();
        }
    }

    private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
            e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else {
            e = new TarArchiveEntry(p.toFile(), Files.isDirectory(p) ? name + "/" : name);
        }
        try {
            e.setMode(mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) | (e.isDirectory() ? 040000 : e.isSymbolicLink() ? 0120000 : 0100000));
            e.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), gid = Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            e.setIds((Integer) uid, (Integer) gid);
        } catch (UnsupportedOperationException | IllegalArgumentException ignored) {
            // not a POSIX file system: keep the defaults
        }
        tar.putArchiveEntry(e);
        if (e.isFile()) {
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    /** RebaseArchiveEntries: the first path component {@code from} becomes {@code to}. */
    static String rebase(String entry, String from, String to) {
        if (from.equals(to)) return entry;
        if (entry.equals(from)) return to;
        if (entry.startsWith(from + "/")) return to + entry.substring(from.length());
        if (from.equals(".") && entry.startsWith("./")) return to + entry.substring(1);
        return entry;
    }

    /** Extracts into {@code dir}, renaming entries from {@code fromBase} to {@code toBase} (both null: as they are). */
    static void extract(InputStream in, Path dir, String fromBase, String toBase) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = fromBase == null ? e.getName() : rebase(e.getName(), fromBase, toBase);
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) throw new IOException("invalid path in archive: " + e.getName());
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isSymbolicLink()) {
                Files.deleteIfExists(target);
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                continue;
            } else if (e.isLink()) {
                Path src = root.resolve(fromBase == null ? e.getLinkName() : rebase(e.getLinkName(), fromBase, toBase)).normalize();
                if (!src.startsWith(root)) throw new IOException("invalid hard link in archive: " + e.getLinkName());
                Files.deleteIfExists(target);
                Files.createLink(target, src);
                continue;
            } else if (e.isFile()) {
                Files.createDirectories(target.getParent());
                Path tmp = target.resolveSibling("." + target.getFileName() + ".berth-cp");
                Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                continue;   // device nodes and fifos are not recreated by a client
            }
            try {
                Files.setPosixFilePermissions(target, perms(e.getMode()));
                Files.setLastModifiedTime(target, FileTime.fromMillis(e.getModTime().getTime()));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
    }

    private static int mode(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) m |= 1 << (8 - p.ordinal());
        return m;
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) if ((mode & (1 << (8 - p.ordinal()))) != 0) s.add(p);
        return s;
    }
}
