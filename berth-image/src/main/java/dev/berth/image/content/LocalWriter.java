package dev.berth.image.content;

import dev.berth.common.AtomicFiles;
import dev.berth.common.BerthException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/** A {@link ContentWriter} over a temp file in the ingest directory. Not thread-safe. */
final class LocalWriter implements ContentWriter {
    private final ContentLayout layout;
    private final LeaseTable leases;
    private final WriteRequest request;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final MessageDigest hash = Digest.newSha256();
    private final OutputStream stream = new HashingStream();
    private long written;
    private boolean done;

    LocalWriter(ContentLayout layout, LeaseTable leases, WriteRequest request) throws IOException {
        this.layout = layout;
        this.leases = leases;
        this.request = request;
        this.temp = Files.createTempFile(layout.ingestDir(), "ingest-", "");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public Digest commit() {
        if (done) throw new IllegalStateException("writer already committed or closed");
        try {
            out.flush();
            channel.force(true);
            channel.close();
            if (request.expectedSize() >= 0 && written != request.expectedSize()) {
                throw failed("unexpected commit size %d, expected %d", written, request.expectedSize());
            }
            Digest actual = Digest.fromHash(hash.digest());
            if (request.expected() != null && !request.expected().equals(actual)) {
                throw failed("unexpected commit digest %s, expected %s", actual, request.expected());
            }
            // Protect first, rename second: a delete that runs in between sees the lease.
            if (request.lease() != null) request.lease().add(actual);
            Path target = layout.blob(actual);
            if (Files.exists(target)) {
                Files.delete(temp);
            } else {
                // rename(2) replaces atomically; a concurrent writer of the same digest wrote the same bytes.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.fsyncDir(target.getParent());
            }
            done = true;
            return actual;
        } catch (IOException e) {
            throw BerthException.internal("commit content to " + layout.blobDir() + ": " + e.getMessage(), e);
        } finally {
            if (!done) close();
        }
    }

    @Override
    public void close() {
        if (done && !channel.isOpen()) return;
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the temp file is removed below either way
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover ingest file is removed when the store is next opened
        }
    }

    private BerthException failed(String fmt, Object... args) {
        return new BerthException(BerthException.Kind.FAILED_PRECONDITION, String.format(fmt, args));
    }

    private final class HashingStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) throw new IOException("writer already committed or closed");
            long max = request.expectedSize();
            if (max >= 0 && written + len > max) {
                throw failed("content %sis larger than the expected %d bytes",
                        request.expected() == null ? "" : request.expected() + " ", max);
            }
            hash.update(b, off, len);
            out.write(b, off, len);
            written += len;
        }
    }
}
