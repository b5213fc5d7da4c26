package dev.berth.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream to its end on a background thread, a few chunks ahead of the consumer. The
 * layer's decompression and hashing (done by the source's filters) then run on the second core while
 * the applier makes files, as {@code tar -xz} runs gzip in its own process.
 *
 * <p>An exception of the source is rethrown, as the same object, by the consumer's read after the
 * data that came before it (so a refusal names the entry it concerns).
 * {@link #close()} stops the reader: it exits after its current source read returns (a blocked read
 * of a network stream ends when its owner closes it). The reader closes the source when it exits,
 * so the source is only ever touched by that one thread.
 */
public final class PrefetchInputStream extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int DEPTH = 4;

    private record Chunk(byte[] data, int length, Throwable error) {
        boolean isEnd() {
            return length < 0;
        }
    }

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread reader;
    private volatile boolean closed;
    private Chunk current;
    private int pos;

    public PrefetchInputStream(InputStream source) {
        for (int i = 0; i < DEPTH + 2; i++) free.add(new byte[CHUNK]);
        reader = Thread.ofPlatform().daemon().name("berth-layer-reader").unstarted(() -> run(source));
        reader.start();
    }

    private void run(InputStream source) {
        try {
            while (!closed) {
                byte[] buf = free.take();
                int got = 0;
                Throwable error = null;
                try {
                    while (got < buf.length) {
                        int n = source.read(buf, got, buf.length - got);
                        if (n < 0) break;
                        got += n;
                    }
                } catch (Throwable t) {
                    error = t;
                }
                if (got > 0) full.put(new Chunk(buf, got, null));
                if (error != null) {
                    full.put(new Chunk(null, -1, error));
                    return;
                }
                if (got < buf.length) {
                    full.put(new Chunk(null, -1, null));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } finally {
            try {
                source.close();
            } catch (IOException ignored) {
                // only frees the decompressor; the caller's own stream is shielded from this
            }
        }
    }

    private boolean advance() throws IOException {
        if (current != null && current.isEnd()) return false;
        if (current != null) free.offer(current.data());
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the layer");
        }
        pos = 0;
        if (current.error() != null) {
            Throwable t = current.error();
            if (t instanceof IOException io) throw io;
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error err) throw err;
            throw new IOException(t);
        }
        return !current.isEnd();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (closed) throw new IOException("stream closed");
        if (current == null || (!current.isEnd() && pos == current.length())) {
            if (!advance()) return -1;
        }
        if (current.isEnd()) return -1;
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        full.clear();
    }
}
