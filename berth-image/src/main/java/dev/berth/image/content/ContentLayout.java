package dev.berth.image.content;

import java.nio.file.Path;

/** Owns the paths of the content store under {@code <data-root>/content}. */
final class ContentLayout {
    private final Path root;

    ContentLayout(Path dataRoot) {
        this.root = dataRoot.resolve("content");
    }

    Path root() {
        return root;
    }

    Path blobsRoot() {
        return root.resolve("blobs");
    }

    Path blobDir() {
        return blobsRoot().resolve(Digest.SHA256);
    }

    Path blob(Digest digest) {
        return blobDir().resolve(digest.encoded());
    }

    Path ingestDir() {
        return root.resolve("ingest");
    }
}
