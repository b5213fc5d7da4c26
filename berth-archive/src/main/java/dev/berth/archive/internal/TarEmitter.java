package dev.berth.archive.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns {@link FileNode}s of a {@link FileTree} into tar entries: types, modes, numeric owners, times,
 * portable xattrs (never trusted.overlay.*), and a second name of an inode already written (same
 * device and inode, not a directory) as a tar hardlink to the first. Sockets are skipped, as moby does.
 */
public final class TarEmitter {
    /**
     * @param fixedMtimeSec when not null, every entry gets this mtime (reproducible builds)
     * @param preciseTimes  keep nanoseconds and atimes (PAX); otherwise whole-second mtimes only
     * @param uid           when not null, every entry is owned by uid:gid
     */
    public record Options(Long fixedMtimeSec, boolean preciseTimes, Integer uid, Integer gid) {
        public static final Options DOCKER = new Options(null, false, null, null);
    }

    private final TarWriter writer;
    private final FileTree tree;
    private final Options options;
    private final Map<String, String> firstLinkPath = new HashMap<>();
    private long entries;

    public TarEmitter(TarWriter writer, FileTree tree, Options options) {
        this.writer = writer;
        this.tree = tree;
        this.options = options;
    }

    public long entries() {
        return entries;
    }

    /** Writes the entry for node at clean path; returns false when the type cannot be archived (sockets). */
    public boolean emit(String path, FileNode node) throws IOException {
        FileStat st = node.stat();
        byte type;
        switch (st.type()) {
            case FileStat.S_IFREG -> type = TarEntry.REG;
            case FileStat.S_IFDIR -> type = TarEntry.DIR;
            case FileStat.S_IFLNK -> type = TarEntry.SYMLINK;
            case FileStat.S_IFCHR -> type = TarEntry.CHAR;
            case FileStat.S_IFBLK -> type = TarEntry.BLOCK;
            case FileStat.S_IFIFO -> type = TarEntry.FIFO;
            default -> {
                return false;
            }
        }
        String link = type == TarEntry.SYMLINK ? node.linkTarget() : "";
        long size = type == TarEntry.REG ? st.size() : 0;
        if (type != TarEntry.DIR && st.nlink() > 1) {
            String key = st.devMajor() + ":" + st.devMinor() + ":" + st.ino();
            String first = firstLinkPath.putIfAbsent(key, path);
            if (first != null) {
                type = TarEntry.LINK;
                link = first;
                size = 0;
            }
        }
        String name = type == TarEntry.DIR ? path + "/" : path;
        TarEntry e = entry(name, type, size, st.perm(), st, link, st.rdevMajor(), st.rdevMinor(), node.portableXattrs());
        writer.header(e, options.preciseTimes());
        if (type == TarEntry.REG) tree.copyContent(path, size, writer::data);
        writer.endEntry();
        entries++;
        return true;
    }

    /**
     * Writes "dir/.wh.name". Like moby's overlay converter it is an empty regular file with mode 0600
     * and, when known, the owner and mtime of the whiteout device.
     */
    public void emitWhiteout(String dir, String name, FileStat device) throws IOException {
        emitEmpty(TarPaths.join(dir, Whiteouts.whiteoutName(name)), 0600, device);
    }

    /** Writes "dir/.wh..wh..opq" (after the directory's own entry), with the directory's owner and mtime. */
    public void emitOpaque(String dir, FileStat dirStat) throws IOException {
        emitEmpty(TarPaths.join(dir, Whiteouts.OPAQUE), dirStat.perm() & 0777, dirStat);
    }

    private void emitEmpty(String name, int mode, FileStat basis) throws IOException {
        TarEntry e = entry(name, TarEntry.REG, 0, mode, basis, "", 0, 0, Map.of());
        writer.header(e, options.preciseTimes());
        writer.endEntry();
        entries++;
    }

    private TarEntry entry(String name, byte type, long size, int mode, FileStat st, String link, int major, int minor,
                           Map<String, byte[]> xattrs) {
        long mtime = st == null ? 0 : st.mtimeSec();
        int mtimeNsec = st == null ? 0 : st.mtimeNsec();
        long atime = st == null ? 0 : st.atimeSec();
        int atimeNsec = st == null ? 0 : st.atimeNsec();
        if (options.fixedMtimeSec() != null) {
            mtime = atime = options.fixedMtimeSec();
            mtimeNsec = atimeNsec = 0;
        }
        int uid = options.uid() != null ? options.uid() : st == null ? 0 : st.uid();
        int gid = options.gid() != null ? options.gid() : st == null ? 0 : st.gid();
        boolean atimes = options.preciseTimes() && st != null;
        return new TarEntry(name, type, size, mode, uid, gid, mtime, options.preciseTimes() ? mtimeNsec : 0,
                atimes, atime, atimeNsec, link, major, minor, xattrs);
    }

    /** Writes the end of the archive. */
    public void finish() throws IOException {
        writer.finish();
    }
}
