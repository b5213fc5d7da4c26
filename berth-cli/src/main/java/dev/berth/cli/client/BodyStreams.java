package dev.berth.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The three ways an HTTP/1.1 response body ends: a length, chunked encoding, or the connection closing. */
final class BodyStreams {
    private BodyStreams() {}

    static InputStream fixed(SocketInput in, long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int c = in.read();
                if (c < 0) throw new EOFException("response body ended " + left + " bytes early");
                left--;
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) throw new EOFException("response body ended " + left + " bytes early");
                left -= n;
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    static InputStream untilClose(SocketInput in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    static InputStream chunked(SocketInput in) {
        return new Chunked(in);
    }

    /** Returns each chunk's bytes as soon as they arrive, so streamed logs and events are not held back. */
    private static final class Chunked extends InputStream {
        private final SocketInput in;
        private long left;
        private boolean done;

        Chunked(SocketInput in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (done) return false;
            if (left > 0) return true;
            String line = in.readLine();
            if (line == null) throw new EOFException("connection closed before the last chunk");
            if (line.isEmpty()) line = in.readLine();   // the CRLF after the previous chunk's data
            if (line == null) throw new EOFException("connection closed before the last chunk");
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            try {
                left = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + line);
            }
            if (left == 0) {
                done = true;
                String trailer;
                while ((trailer = in.readLine()) != null && !trailer.isEmpty()) {
                    // trailers are not used by the Engine API
                }
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) return -1;
            int c = in.read();
            if (c < 0) throw new EOFException("connection closed inside a chunk");
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!next()) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("connection closed inside a chunk");
            left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
