package dev.berth.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits Docker's multiplexed stream: frames of {@code [stream, 0, 0, 0, len32be]} then payload;
 * stream 0 and 1 go to stdout, 2 to stderr, 3 carries an error from the daemon.
 */
public final class StreamDemux {
    private StreamDemux() {}

    /** Copies until EOF; each frame is written and flushed whole, so output keeps its order per stream. */
    public static void copy(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
        byte[] header = new byte[8];
        byte[] buf = new byte[32 * 1024];
        while (true) {
            int got = readFully(in, header, 0, 8);
            if (got == 0) return;
            if (got < 8) throw new EOFException("stream ended inside a frame header");
            int kind = header[0];
            long len = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            OutputStream target = switch (kind) {
                case 0, 1 -> stdout;
                case 2 -> stderr;
                case 3 -> null;
                default -> throw new IOException("Unrecognized input header: " + kind);
            };
            if (kind == 3) {
                byte[] msg = new byte[(int) len];
                if (readFully(in, msg, 0, msg.length) < msg.length) throw new EOFException("stream ended inside a frame");
                throw new IOException("error from daemon in stream: " + new String(msg, StandardCharsets.UTF_8));
            }
            while (len > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, len));
                if (n < 0) throw new EOFException("stream ended inside a frame");
                if (target != null) target.write(buf, 0, n);
                len -= n;
            }
            if (target != null) target.flush();
        }
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) break;
            total += n;
        }
        return total;
    }

    /** One frame as the daemon writes it (for tests and fakes). */
    public static byte[] frame(int stream, byte[] payload) {
        byte[] out = new byte[8 + payload.length];
        out[0] = (byte) stream;
        int len = payload.length;
        out[4] = (byte) (len >>> 24);
        out[5] = (byte) (len >>> 16);
        out[6] = (byte) (len >>> 8);
        out[7] = (byte) len;
        System.arraycopy(payload, 0, out, 8, len);
        return out;
    }
}
