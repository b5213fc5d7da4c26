package dev.berth.engine.archive;

import dev.berth.sys.Openat2;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Sits between the client's tar and the extraction (a tar stream in, the same tar out) and applies
 * docker cp's rules per entry header: without copyUIDGID every entry is owned by 0:0 (the header's
 * uid/gid are rewritten, checksum fixed); with noOverwriteDirNonDir an entry may not replace an
 * existing directory by a non-directory or the reverse. A refusal is kept in {@link #refusal()} and
 * ends the stream with an IOException. PAX uid/gid records (only for ids above 2097151) are not rewritten.
 */
final class TarEntryGuard extends InputStream {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final int targetFd;
    private final String targetPath;
    private final ArchiveService.PutOptions options;
    private final byte[] block = new byte[BLOCK];
    private int blockPos = BLOCK, blockLen = BLOCK;
    private long dataLeft;          // bytes (padded) of the current entry's data still to pass through
    private boolean captureName;    // the data being passed is a PAX header or a GNU long name
    private final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    private char capturedType;
    private String pendingName;
    private boolean ended;
    private volatile String refusal;

    /** targetFd: the directory extracted into; targetPath: its path in the container, for messages. */
    TarEntryGuard(InputStream in, int targetFd, String targetPath, ArchiveService.PutOptions options) {
        this.in = in;
        this.targetFd = targetFd;
        this.targetPath = targetPath.endsWith("/") ? targetPath : targetPath + "/";
        this.options = options;
    }

    String refusal() {
        return refusal;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (ended) return in.read(b, off, len);
        if (blockPos == blockLen && !nextBlock()) return -1;
        int n = Math.min(len, blockLen - blockPos);
        System.arraycopy(block, blockPos, b, off, n);
        blockPos += n;
        return n;
    }

    /** Reads the next 512 bytes and, at an entry header, checks and rewrites it. */
    private boolean nextBlock() throws IOException {
        int got = in.readNBytes(block, 0, BLOCK);
        if (got <= 0) return false;
        blockPos = 0;
        blockLen = got;
        if (got < BLOCK) {
            ended = true;
            return true;
        }
        if (dataLeft > 0) {
            dataLeft -= BLOCK;
            if (captureName) {
                captured.write(block, 0, BLOCK);
                if (dataLeft == 0) finishCapture();
            }
            return true;
        }
        if (allZero()) return true;
        header();
        return true;
    }

    private void header() throws IOException {
        char type = (char) block[156];
        long size = size();
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (type == 'x' || type == 'L') {
            captureName = true;
            capturedType = type;
            captured.reset();
            dataLeft = padded;
            if (padded == 0) finishCapture();
            return;
        }
        captureName = false;
        dataLeft = "123456".indexOf(type) >= 0 ? 0 : padded;
        if (type == 'g' || type == 'K') return;
        String name = pendingName != null ? pendingName : headerName();
        pendingName = null;
        if (options.noOverwriteDirNonDir()) check(name, type == '5');
        if (!options.copyUidGid()) ownByRoot();
    }

    private void finishCapture() {
        byte[] data = captured.toByteArray();
        captureName = false;
        if (capturedType == 'L') {
            int end = 0;
            while (end < data.length && data[end] != 0) end++;
            pendingName = new String(data, 0, end, StandardCharsets.UTF_8);
            return;
        }
        // PAX records: "LEN key=value\n".
        int i = 0;
        while (i < data.length && data[i] != 0) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') sp++;
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return;
            }
            if (len <= 0 || i + len > data.length) return;
            String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            if (rec.startsWith("path=")) pendingName = rec.substring(5);
            i += len;
        }
    }

    private void check(String rawName, boolean isDir) throws IOException {
        String name = clean(rawName);
        if (name.isEmpty()) return;
        int slash = name.lastIndexOf('/');
        String parent = slash < 0 ? "." : name.substring(0, slash);
        String base = name.substring(slash + 1);
        int fd;
        try {
            fd = Openat2.open(targetFd, parent, Openat2.O_PATH | Openat2.O_DIRECTORY | Openat2.O_CLOEXEC,
                    Openat2.RESOLVE_IN_ROOT | Openat2.RESOLVE_NO_MAGICLINKS);
        } catch (Errno e) {
            return; // the parent is not there (yet): nothing to overwrite
        }
        try {
            Path p = ContainerRoot.fdPath(fd).resolve(base);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
            boolean existingDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (existingDir && !isDir) refuse("cannot overwrite directory \"" + targetPath + name + "\" with non-directory \"" + name + "\"");
            if (!existingDir && isDir) refuse("cannot overwrite non-directory \"" + targetPath + name + "\" with directory \"" + name + "\"");
        } finally {
            Libc.close(fd);
        }
    }

    private void refuse(String message) throws IOException {
        refusal = message;
        throw new IOException(message);
    }

    static String clean(String raw) {
        String n = raw;
        while (n.startsWith("./")) n = n.substring(2);
        while (n.startsWith("/")) n = n.substring(1);
        while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
        return n.equals(".") ? "" : n;
    }

    private String headerName() {
        String name = field(0, 100);
        boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? field(345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String field(int off, int len) {
        int end = off;
        while (end < off + len && block[end] != 0) end++;
        return new String(block, off, end - off, StandardCharsets.UTF_8);
    }

    private long size() throws IOException {
        if ((block[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) v = (v << 8) | (block[i] & 0xff);
            return v;
        }
        String s = field(124, 12).trim();
        if (s.isEmpty()) return 0;
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("invalid tar header size " + s);
        }
    }

    private void ownByRoot() {
        byte[] zero = "0000000\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(zero, 0, block, 108, 8);
        System.arraycopy(zero, 0, block, 116, 8);
        java.util.Arrays.fill(block, 265, 265 + 64, (byte) 0);
        java.util.Arrays.fill(block, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte x : block) sum += x & 0xff;
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, block, 148, 8);
    }

    private boolean allZero() {
        for (byte x : block) if (x != 0) return false;
        return true;
    }
}
