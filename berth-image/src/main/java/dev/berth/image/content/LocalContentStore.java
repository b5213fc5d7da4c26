package dev.berth.image.content;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@link ContentStore} on the local filesystem. Thread-safe. */
public final class LocalContentStore implements ContentStore {
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    private final ContentLayout layout;
    private final LeaseTable leases = new LeaseTable();

    private LocalContentStore(ContentLayout layout) {
        this.layout = layout;
    }

    /** Opens (creating if needed) the store under {@code <dataRoot>/content}, removing leftover ingests. */
    public static LocalContentStore open(Path dataRoot) {
        ContentLayout layout = new ContentLayout(dataRoot);
        try {
            Files.createDirectories(layout.blobDir());
            Files.createDirectories(layout.ingestDir());
            try (Stream<Path> leftovers = Files.list(layout.ingestDir())) {
                for (Path p : leftovers.toList()) deleteRecursively(p);
            }
        } catch (IOException e) {
            throw BerthException.internal("open content store " + layout.root() + ": " + e.getMessage(), e);
        }
        return new LocalContentStore(layout);
    }

    @Override
    public InputStream read(Digest digest) {
        try {
            return Files.newInputStream(layout.blob(digest));
        } catch (NoSuchFileException e) {
            throw notFound(digest);
        } catch (IOException e) {
            throw BerthException.internal("read content " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ContentWriter writer(WriteRequest request) {
        try {
            return new LocalWriter(layout, leases, request);
        } catch (IOException e) {
            throw BerthException.internal("start writing content in " + layout.ingestDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Info> info(Digest digest) {
        try {
            BasicFileAttributes a = Files.readAttributes(layout.blob(digest), BasicFileAttributes.class);
            return Optional.of(new Info(digest, a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.internal("stat content " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(layout.blobDir())) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!HEX64.matcher(name).matches()) continue;
                info(Digest.sha256Hex(name)).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw BerthException.internal("list " + layout.blobDir() + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(Info::digest));
        return out;
    }

    @Override
    public boolean delete(Digest digest) {
        synchronized (leases) {
            if (leases.isLeased(digest)) {
                throw BerthException.conflict("content %s is in use by a running operation", digest);
            }
            try {
                return Files.deleteIfExists(layout.blob(digest));
            } catch (IOException e) {
                throw BerthException.internal("delete content " + digest + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Lease lease(String purpose) {
        return leases.lease(purpose);
    }

    @Override
    public Set<Digest> leased() {
        return leases.leased();
    }

    @Override
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> algs = Files.list(layout.blobsRoot())) {
            for (Path p : algs.sorted().toList()) {
                if (!p.equals(layout.blobDir())) problems.add("unexpected entry " + p + " in the blob directory");
            }
        } catch (IOException e) {
            throw BerthException.internal("list " + layout.blobsRoot() + ": " + e.getMessage(), e);
        }
        try (Stream<Path> files = Files.list(layout.blobDir())) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!HEX64.matcher(name).matches() || !Files.isRegularFile(p)) {
                    problems.add("unexpected entry " + p + " in the blob directory");
                    continue;
                }
                Digest named = Digest.sha256Hex(name);
                Optional<Digest> actual = hash(p);
                if (actual.isPresent() && !actual.get().equals(named)) {
                    problems.add("blob " + named + " is corrupt: its content hashes to " + actual.get());
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("list " + layout.blobDir() + ": " + e.getMessage(), e);
        }
        return problems;
    }

    /** Hashes a file; empty if it vanished meanwhile (deleted by a concurrent delete). */
    private static Optional<Digest> hash(Path p) throws IOException {
        MessageDigest md = Digest.newSha256();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(Digest.fromHash(md.digest()));
    }

    static BerthException notFound(Digest digest) {
        return BerthException.notFound("content digest %s: not found", digest);
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(p)) {
                for (Path c : children.toList()) deleteRecursively(c);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        Files.deleteIfExists(p);
    }
}
