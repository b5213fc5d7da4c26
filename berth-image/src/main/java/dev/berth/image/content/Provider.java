package dev.berth.image.content;

import java.io.InputStream;

/** Reads committed blobs. */
public interface Provider {
    /**
     * Opens the blob for reading. The stream stays readable even if the blob is deleted meanwhile.
     *
     * @throws dev.berth.common.BerthException NOT_FOUND "content digest sha256:...: not found"
     */
    InputStream read(Digest digest);
}
