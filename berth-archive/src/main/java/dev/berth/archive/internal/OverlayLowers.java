package dev.berth.archive.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The merged view of overlayfs lower layers (top first), as far as lookups go: a layer's whiteout
 * hides the name in the layers below, a non-directory hides everything under its name below, an
 * opaque directory hides the same directory below.
 */
final class OverlayLowers {
    private final List<? extends FileTree> layers;

    OverlayLowers(List<? extends FileTree> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The topmost visible entry at path, or null when the lower layers do not show one. */
    FileNode lookup(String path) throws IOException {
        String[] parts = path.split("/");
        for (FileTree layer : layers) {
            boolean stopBelow = false;
            String prefix = "";
            FileNode node = null;
            for (int i = 0; i < parts.length; i++) {
                prefix = TarPaths.join(prefix, parts[i]);
                node = layer.stat(prefix);
                if (node == null) break;
                if (node.stat().isWhiteout()) return null;
                if (i < parts.length - 1) {
                    if (!node.isDir()) return null;
                    if (node.isOpaque()) stopBelow = true;
                }
            }
            if (node != null) return node;
            if (stopBelow) return null;
        }
        return null;
    }

    /** The names visible in directory dir of the merged lower layers, sorted. */
    List<String> mergedNames(String dir) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> visible = new LinkedHashSet<>();
        for (FileTree layer : layers) {
            FileNode d = layer.stat(dir);
            if (d == null || !d.isDir()) {
                if (d != null) break;
                continue;
            }
            for (FileNode c : layer.list(dir)) {
                if (!seen.add(c.name())) continue;
                if (!c.stat().isWhiteout()) visible.add(c.name());
            }
            if (d.isOpaque()) break;
        }
        List<String> out = new ArrayList<>(visible);
        out.sort(null);
        return out;
    }
}
