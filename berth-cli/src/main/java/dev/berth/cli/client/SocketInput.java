package dev.berth.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Buffered reads straight from a socket channel. Not {@code Channels.newInputStream}: that one
 * locks the channel, so a reader thread would block a writer thread on a hijacked stream.
 */
final class SocketInput extends InputStream {
    private final SocketChannel channel;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;

    SocketInput(SocketChannel channel) {
        this.channel = channel;
    }

    private boolean fill() throws IOException {
        if (pos < end) return true;
        pos = 0;
        end = 0;
        int n;
        do {
            n = channel.read(ByteBuffer.wrap(buf));
        } while (n == 0);
        if (n < 0) return false;
        end = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return end - pos;
    }

    /** One CRLF- (or LF-) terminated line without its terminator; null at EOF before any byte. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = read();
            if (c < 0) {
                if (line.isEmpty()) return null;
                throw new EOFException("connection closed in the middle of a line");
            }
            if (c == '\n') break;
            line.append((char) c);
        }
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') line.setLength(len - 1);
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
