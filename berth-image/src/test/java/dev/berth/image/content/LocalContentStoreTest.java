package dev.berth.image.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir Path root;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long ingestFiles() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("content/ingest"))) {
            return s.count();
        }
    }

    @Test
    void writesUnderTheDigestAndReadsBack() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        byte[] data = bytes("hello blob");
        Digest d = Blobs.write(store, data, null);
        assertEquals(Digest.sha256(data), d);
        Path file = root.resolve("content/blobs/sha256/" + d.encoded());
        assertArrayEquals(data, Files.readAllBytes(file));
        try (InputStream in = store.read(d)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        Info info = store.info(d).orElseThrow();
        assertEquals(data.length, info.size());
        assertEquals(List.of(info), store.list());
        assertEquals(0, ingestFiles());
    }

    @Test
    void streamsLargeBlobsAndChecksTheExpectedDigest() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Digest expected = Digest.sha256(data);
        Digest got = Blobs.copy(store, new ByteArrayInputStream(data), expected, data.length, null);
        assertEquals(expected, got);
        assertArrayEquals(data, Blobs.readAll(store, got));
    }

    @Test
    void refusesADigestMismatchAndLeavesNothing() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Digest wrong = Digest.sha256(bytes("something else"));
        try (ContentWriter w = store.writer(WriteRequest.expecting(wrong))) {
            w.stream().write(bytes("actual"));
            BerthException e = assertThrows(BerthException.class, w::commit);
            assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
            assertEquals("unexpected commit digest " + Digest.sha256(bytes("actual")) + ", expected " + wrong, e.getMessage());
        }
        assertTrue(store.list().isEmpty());
        assertEquals(0, ingestFiles());
    }

    @Test
    void refusesTooManyBytesWhileStreamingAndTooFewAtCommit() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        try (ContentWriter w = store.writer(new WriteRequest(null, 3, null))) {
            BerthException e = assertThrows(BerthException.class, () -> w.stream().write(bytes("four")));
            assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
            assertEquals("content is larger than the expected 3 bytes", e.getMessage());
        }
        try (ContentWriter w = store.writer(new WriteRequest(null, 5, null))) {
            w.stream().write(bytes("four"));
            BerthException e = assertThrows(BerthException.class, w::commit);
            assertEquals("unexpected commit size 4, expected 5", e.getMessage());
        }
        assertTrue(store.list().isEmpty());
        assertEquals(0, ingestFiles());
    }

    @Test
    void abandonedWriterLeavesNoBlob() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        ContentWriter w = store.writer(WriteRequest.any());
        w.stream().write(bytes("partial"));
        assertEquals(1, ingestFiles());
        assertTrue(store.list().isEmpty(), "an ingest is invisible until committed");
        w.close();
        assertEquals(0, ingestFiles());
    }

    @Test
    void openingRemovesLeftoverIngests() throws IOException {
        LocalContentStore.open(root);
        Path ingest = root.resolve("content/ingest");
        Files.write(ingest.resolve("ingest-123"), bytes("half a layer"));
        Files.createDirectories(ingest.resolve("olddir/sub"));
        Files.write(ingest.resolve("olddir/sub/x"), bytes("x"));
        LocalContentStore store = LocalContentStore.open(root);
        assertEquals(0, ingestFiles());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void concurrentWritersOfOneDigestBothSucceed() throws Exception {
        LocalContentStore store = LocalContentStore.open(root);
        byte[] data = new byte[256 * 1024];
        new Random(7).nextBytes(data);
        int writers = 8;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                results.add(pool.submit(() -> {
                    try (ContentWriter w = store.writer(WriteRequest.expecting(Digest.sha256(data), data.length))) {
                        for (int off = 0; off < data.length; off += 4096) {
                            w.stream().write(data, off, 4096);
                            if (off == 8192) barrier.await();
                        }
                        return w.commit();
                    }
                }));
            }
            for (Future<Digest> f : results) assertEquals(Digest.sha256(data), f.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.list().size());
        assertArrayEquals(data, Blobs.readAll(store, Digest.sha256(data)));
        assertEquals(0, ingestFiles());
        assertTrue(store.verify().isEmpty());
    }

    @Test
    void missingBlobIsNotFound() {
        LocalContentStore store = LocalContentStore.open(root);
        Digest d = Digest.sha256(bytes("nope"));
        BerthException e = assertThrows(BerthException.class, () -> store.read(d));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind());
        assertEquals("content digest " + d + ": not found", e.getMessage());
        assertTrue(store.info(d).isEmpty());
        assertFalse(store.delete(d));
    }

    @Test
    void deleteRemovesAndLeasesProtect() {
        LocalContentStore store = LocalContentStore.open(root);
        Digest free = Blobs.write(store, bytes("free"), null);
        assertTrue(store.delete(free));
        assertTrue(store.info(free).isEmpty());

        Digest kept;
        try (Lease lease = store.lease("pull busybox")) {
            kept = Blobs.write(store, bytes("kept"), lease);
            assertEquals(java.util.Set.of(kept), store.leased());
            BerthException e = assertThrows(BerthException.class, () -> store.delete(kept));
            assertEquals(BerthException.Kind.CONFLICT, e.kind());
            assertTrue(store.info(kept).isPresent());
        }
        assertTrue(store.leased().isEmpty());
        assertTrue(store.delete(kept));
    }

    @Test
    void writingAPresentBlobUnderALeaseProtectsIt() {
        LocalContentStore store = LocalContentStore.open(root);
        Digest d = Blobs.write(store, bytes("shared layer"), null);
        try (Lease lease = store.lease("second pull")) {
            assertEquals(d, Blobs.write(store, bytes("shared layer"), lease));
            assertThrows(BerthException.class, () -> store.delete(d));
        }
    }

    @Test
    void closedLeaseCannotBeExtended() {
        LocalContentStore store = LocalContentStore.open(root);
        Lease lease = store.lease("x");
        lease.close();
        assertThrows(IllegalStateException.class, () -> lease.add(Digest.sha256(new byte[0])));
    }

    @Test
    void verifyReportsCorruptBlobsAndStrayFiles() throws IOException {
        LocalContentStore store = LocalContentStore.open(root);
        Digest good = Blobs.write(store, bytes("good"), null);
        Digest bad = Blobs.write(store, bytes("will rot"), null);
        assertEquals(List.of(), store.verify());

        Path badFile = root.resolve("content/blobs/sha256/" + bad.encoded());
        Files.write(badFile, bytes("rotten"));
        Files.write(root.resolve("content/blobs/sha256/not-a-digest"), bytes("?"));
        Files.createDirectories(root.resolve("content/blobs/md5"));

        List<String> problems = store.verify();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.contains("blob " + bad + " is corrupt: its content hashes to " + Digest.sha256(bytes("rotten"))),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("not-a-digest")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("md5")), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains(good.toString())));
        assertEquals(List.of(bad, good).stream().sorted().toList(), store.list().stream().map(Info::digest).toList());
    }
}
