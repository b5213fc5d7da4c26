package dev.berth.archive.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One directory entry as the tree walkers see it: its raw name, its stat, its symlink target (null for
 * other types) and its xattrs (raw name to exact bytes, sorted by name).
 */
public record FileNode(String name, FileStat stat, String linkTarget, Map<String, byte[]> xattrs) {
    public FileNode {
        xattrs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    }

    public boolean isDir() {
        return stat.isDir();
    }

    /** overlayfs's opaque directory marker. */
    public boolean isOpaque() {
        return stat.isDir() && Whiteouts.isOpaqueValue(xattrs.get(Whiteouts.OPAQUE_XATTR));
    }

    /** The xattrs that belong in a tar: all but overlayfs's own. */
    public Map<String, byte[]> portableXattrs() {
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : xattrs.entrySet()) {
            if (!Whiteouts.isOverlayXattr(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** True when both have the same portable xattrs with the same bytes. */
    public boolean samePortableXattrs(FileNode other) {
        Map<String, byte[]> a = portableXattrs(), b = other.portableXattrs();
        if (!a.keySet().equals(b.keySet())) return false;
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) return false;
        }
        return true;
    }
}
