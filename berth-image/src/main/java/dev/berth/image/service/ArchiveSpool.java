package dev.berth.image.service;

import dev.berth.common.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.image.content.ContentWriter;
import dev.berth.image.content.Digest;
import dev.berth.image.content.Lease;
import dev.berth.image.content.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive read once, front to back, without holding it in memory: small metadata files
 * (manifest.json, index.json, repositories, oci-layout, configs, per-layer json/VERSION) are kept in
 * memory, every other file is streamed into the content store under a lease as it comes, and links are
 * remembered. So manifest.json may come first or last. Nothing is written anywhere by the names in the
 * archive: names are only keys, and a name that climbs out of the archive is unusable (refused when a
 * manifest refers to it).
 *
 * <p>Files under {@code blobs/sha256/} must hash to their name (refused otherwise: the content store
 * checks the digest before it commits the blob).
 */
final class ArchiveSpool {
    static final int MAX_DOCUMENT = 8 * 1024 * 1024;
    /** Metadata kept in memory in all; beyond it files go to the content store like any other. */
    static final long MAX_DOCUMENTS_TOTAL = 64L * 1024 * 1024;
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/sha256/([a-f0-9]{64})");
    private static final int MAX_LINK_HOPS = 40;

    /** A file stored as a blob. */
    record Blob(Digest digest, long size) {}

    private final Map<String, byte[]> documents = new HashMap<>();
    private final Map<String, Blob> blobs = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private long documentBytes;

    private ArchiveSpool() {}

    static ArchiveSpool read(InputStream in, ContentStore content, Lease lease) {
        ArchiveSpool spool = new ArchiveSpool();
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            long entries = 0;
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries++;
                String name = ArchivePaths.clean(e.getName());
                if (name == null || name.isEmpty()) continue; // climbs out (or is the root): usable by nothing
                if (e.isSymbolicLink()) {
                    spool.links.put(name, nullToEmpty(ArchivePaths.linkTarget(name, e.getLinkName())));
                } else if (e.isLink()) {
                    spool.links.put(name, nullToEmpty(ArchivePaths.clean(e.getLinkName())));
                } else if (e.isFile()) {
                    spool.file(name, e.getSize(), tar, content, lease);
                }
            }
            if (entries == 0) throw BerthException.invalid("invalid archive: it is empty or not a tar archive");
        } catch (IOException e) {
            throw BerthException.invalid("invalid archive: %s", e.getMessage());
        }
        return spool;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s; // "" names nothing: a link out of the archive resolves to no file
    }

    private void file(String name, long size, InputStream data, ContentStore content, Lease lease) throws IOException {
        if (isDocument(name) && size <= MAX_DOCUMENT && documentBytes + size <= MAX_DOCUMENTS_TOTAL) {
            documentBytes += size;
            documents.put(name, data.readNBytes((int) size));
            blobs.remove(name);
            return;
        }
        Matcher m = BLOB_PATH.matcher(name);
        Digest expected = m.matches() ? Digest.sha256Hex(m.group(1)) : null;
        try (ContentWriter w = content.writer(new WriteRequest(expected, size, lease))) {
            data.transferTo(w.stream());
            Digest d = w.commit();
            blobs.put(name, new Blob(d, w.written()));
            documents.remove(name);
        } catch (BerthException e) {
            if (e.kind() != BerthException.Kind.FAILED_PRECONDITION) throw e;
            if (expected != null) throw BerthException.invalid("invalid archive: %s does not match its digest (%s)", name, e.getMessage());
            throw BerthException.invalid("invalid archive: %s: %s", name, e.getMessage()); // e.g. cut short
        }
    }

    private static boolean isDocument(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.endsWith(".json") || base.equals("json") || base.equals("VERSION") || base.equals("repositories")
                || base.equals("oci-layout");
    }

    boolean has(String path) {
        String p = resolve(path);
        return p != null && (documents.containsKey(p) || blobs.containsKey(p));
    }

    /** A metadata file's bytes, or a blob's if it was stored as one; NOT_FOUND-like INVALID_ARGUMENT when absent. */
    byte[] document(String path, ContentStore content) {
        String p = requireFile(path);
        byte[] doc = documents.get(p);
        if (doc != null) return doc;
        return dev.berth.image.content.Blobs.readAll(content, blobs.get(p).digest());
    }

    Optional<byte[]> optionalDocument(String path) {
        String p = resolve(path);
        return p == null ? Optional.empty() : Optional.ofNullable(documents.get(p));
    }

    /** The blob stored for a file; a small file kept in memory is written to the content store first. */
    Blob blob(String path, ContentStore content, Lease lease) {
        String p = requireFile(path);
        Blob b = blobs.get(p);
        if (b != null) return b;
        byte[] doc = documents.get(p);
        Blob written = new Blob(dev.berth.image.content.Blobs.write(content, doc, lease), doc.length);
        blobs.put(p, written);
        return written;
    }

    private String requireFile(String path) {
        String clean = ArchivePaths.require(path, "path");
        String p = resolve(clean);
        if (p == null) throw BerthException.invalid("invalid archive: \"%s\" points outside the archive", path);
        if (!documents.containsKey(p) && !blobs.containsKey(p)) throw BerthException.invalid("invalid archive: it has no file %s", path);
        return p;
    }

    /** Follows links through every component of path; null when a link leads out of the archive or loops. */
    private String resolve(String path) {
        String p = ArchivePaths.clean(path);
        if (p == null) return null;
        for (int hops = 0; hops <= MAX_LINK_HOPS; hops++) {
            String[] parts = p.split("/");
            String prefix = "";
            boolean replaced = false;
            for (int i = 0; i < parts.length; i++) {
                prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                String target = links.get(prefix);
                if (target != null) {
                    if (target.isEmpty()) return null;
                    String restOf = String.join("/", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                    p = restOf.isEmpty() ? target : target + "/" + restOf;
                    replaced = true;
                    break;
                }
            }
            if (!replaced) return p;
        }
        return null;
    }
}
