package dev.berth.engine.logs;

import java.io.IOException;
import java.io.OutputStream;

/** Docker's stream multiplexing: an 8-byte header [stream, 0, 0, 0, length big-endian] before each payload. */
public final class Frames {
    private Frames() {}

    public static void write(OutputStream out, int stream, byte[] payload, boolean tty) throws IOException {
        if (tty) {
            out.write(payload);
            return;
        }
        int n = payload.length;
        byte[] frame = new byte[8 + n];
        frame[0] = (byte) stream;
        frame[4] = (byte) (n >>> 24);
        frame[5] = (byte) (n >>> 16);
        frame[6] = (byte) (n >>> 8);
        frame[7] = (byte) n;
        System.arraycopy(payload, 0, frame, 8, n);
        out.write(frame);
    }
}
