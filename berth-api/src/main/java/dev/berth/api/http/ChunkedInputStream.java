package dev.berth.api.http;

import java.io.IOException;
import java.io.InputStream;

/** Decodes a Transfer-Encoding: chunked body (trailers are read and dropped). */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    private boolean nextChunk() throws IOException {
        if (done) return false;
        if (remaining == 0) {
            String line = HttpParser.readLine(in, 1024);
            if (line == null) throw new IOException("unexpected end of chunked body");
            int semi = line.indexOf(';');
            String size = (semi >= 0 ? line.substring(0, semi) : line).trim();
            try {
                remaining = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size);
            }
            if (remaining < 0) throw new IOException("bad chunk size: " + size);
            if (remaining == 0) {
                String t;
                while ((t = HttpParser.readLine(in, 8192)) != null && !t.isEmpty()) {
                    // trailer fields: ignored
                }
                done = true;
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        int n = read(b, 0, 1);
        return n < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!nextChunk()) return -1;
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new IOException("unexpected end of chunked body");
        remaining -= n;
        if (remaining == 0) {
            String crlf = HttpParser.readLine(in, 16);
            if (crlf == null || !crlf.isEmpty()) throw new IOException("missing CRLF after chunk");
        }
        return n;
    }
}
