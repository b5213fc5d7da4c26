package dev.berth.archive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link FileTree} for testing the pure tree algorithms. */
final class MemTree implements FileTree {
    private final Map<String, FileNode> nodes = new TreeMap<>();
    private long ino = 100;

    MemTree() {
        put("", FileStat.S_IFDIR | 0755, 0, 0, 0, 1, null, Map.of());
    }

    private MemTree put(String path, int mode, long size, long mtime, int rdevMajor, int rdevMinor, String link, Map<String, byte[]> x) {
        FileStat st = new FileStat(mode, 0, 0, 1, ino++, 8, 1, rdevMajor, rdevMinor, size, mtime, 0, mtime, 0);
        nodes.put(path, new FileNode(TarPaths.base(path), st, link, x));
        return this;
    }

    private MemTree put(String path, int mode, long size, long mtime, int major, String link, Map<String, byte[]> x) {
        return put(path, mode, size, mtime, major, 0, link, x);
    }

    MemTree dir(String path) {
        return dir(path, 0755, 1000);
    }

    MemTree dir(String path, int perm, long mtime) {
        return put(path, FileStat.S_IFDIR | perm, 4096, mtime, 0, null, Map.of());
    }

    MemTree opaqueDir(String path) {
        return put(path, FileStat.S_IFDIR | 0755, 4096, 1000, 0, null, Map.of(Whiteouts.OPAQUE_XATTR, new byte[] {'y'}));
    }

    MemTree file(String path, long size, long mtime) {
        return file(path, size, mtime, 0644);
    }

    MemTree file(String path, long size, long mtime, int perm) {
        return put(path, FileStat.S_IFREG | perm, size, mtime, 0, null, Map.of());
    }

    MemTree fileWithXattr(String path, String name, byte[] value) {
        return put(path, FileStat.S_IFREG | 0644, 1, 1000, 0, null, Map.of(name, value));
    }

    MemTree symlink(String path, String target) {
        return put(path, FileStat.S_IFLNK | 0777, target.length(), 1000, 0, target, Map.of());
    }

    MemTree whiteout(String path) {
        return put(path, FileStat.S_IFCHR, 0, 1000, 0, null, Map.of());
    }

    @Override
    public List<FileNode> list(String dir) {
        FileNode d = nodes.get(dir);
        if (d == null || !d.isDir()) return List.of();
        List<FileNode> out = new ArrayList<>();
        for (Map.Entry<String, FileNode> e : nodes.entrySet()) {
            String p = e.getKey();
            if (!p.isEmpty() && !p.equals(dir) && TarPaths.parent(p).equals(dir)) out.add(e.getValue());
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    @Override
    public FileNode stat(String path) {
        for (String p = TarPaths.parent(path); !p.isEmpty(); p = TarPaths.parent(p)) {
            FileNode a = nodes.get(p);
            if (a == null || !a.isDir()) return null;
        }
        return nodes.get(path);
    }

    @Override
    public void copyContent(String path, long size, Sink sink) {
        throw new UnsupportedOperationException();
    }

}
