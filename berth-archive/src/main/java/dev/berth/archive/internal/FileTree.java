package dev.berth.archive.internal;

import java.io.IOException;
import java.util.List;

/**
 * A read-only view of a directory tree, addressed by clean raw paths ("" is the root). Nothing is
 * followed through symlinks: a path whose parent is a symlink does not exist here. The real one is
 * {@link DirTree}; tests use an in-memory one.
 */
public interface FileTree {
    /** The entries of directory dir, sorted by raw name; empty when dir is absent or not a directory. */
    List<FileNode> list(String dir) throws IOException;

    /** The entry at path (the root for ""), or null when absent. */
    FileNode stat(String path) throws IOException;

    /** Where {@link #copyContent} puts file bytes. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    /** Copies exactly size bytes of the regular file at path; fails if the file no longer has that size. */
    void copyContent(String path, long size, Sink sink) throws IOException;
}
