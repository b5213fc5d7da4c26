package dev.berth.cli.docker;

import dev.berth.cli.client.Hijacked;
import dev.berth.cli.client.StreamDemux;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Pumps a hijacked attach/exec connection the way the docker CLI's hijackedIOStreamer does:
 * stdin is copied in raw and then half-closed (at once when there is no stdin), output is
 * demultiplexed (or copied raw for a tty) until the daemon closes its side. On a tty the detach
 * keys (ctrl-p,ctrl-q unless set) end the session without stopping the container.
 */
final class HijackStreamer {
    enum Result { DONE, DETACHED }

    private final Hijacked conn;
    private volatile boolean detached;

    HijackStreamer(Hijacked conn) {
        this.conn = conn;
    }

    /**
     * Starts stdin pumping in the background; returns a thread that finishes when output has
     * ended (or input, when no output is attached).
     */
    Thread start(InputStream stdin, OutputStream out, OutputStream err, boolean tty, String detachKeys, boolean stdinIsTty, Result[] result, Throwable[] failure) {
        Thread input = null;
        if (stdin == null) {
            conn.closeWrite();
        } else {
            byte[] keys = tty && stdinIsTty ? detachKeys(detachKeys) : null;
            input = Thread.ofPlatform().daemon().name("stdin").start(() -> pumpInput(stdin, keys));
        }
        final Thread in = input;
        return Thread.ofPlatform().daemon().name("output").start(() -> {
            try {
                if (out != null || err != null) {
                    InputStream from = conn.input();
                    if (tty) {
                        byte[] buf = new byte[32 * 1024];
                        int n;
                        while ((n = from.read(buf)) > 0) {
                            if (out != null) {
                                out.write(buf, 0, n);
                                out.flush();
                            }
                        }
                    } else {
                        StreamDemux.copy(from, out != null ? out : OutputStream.nullOutputStream(), err != null ? err : OutputStream.nullOutputStream());
                    }
                } else if (in != null) {
                    in.join();
                }
                result[0] = detached ? Result.DETACHED : Result.DONE;
            } catch (IOException | InterruptedException e) {
                if (detached) result[0] = Result.DETACHED;
                else failure[0] = e;
            }
        });
    }

    private void pumpInput(InputStream stdin, byte[] keys) {
        OutputStream to = conn.output();
        byte[] buf = new byte[32 * 1024];
        int matched = 0;
        try {
            int n;
            while ((n = stdin.read(buf)) > 0) {
                if (keys == null) {
                    to.write(buf, 0, n);
                    continue;
                }
                // hold back bytes that may start the detach sequence
                java.io.ByteArrayOutputStream pass = new java.io.ByteArrayOutputStream(n);
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == keys[matched]) {
                        matched++;
                        if (matched == keys.length) {
                            to.write(pass.toByteArray());
                            detached = true;
                            conn.close();
                            return;
                        }
                        continue;
                    }
                    if (matched > 0) {
                        pass.write(keys, 0, matched);
                        matched = 0;
                        if (b == keys[0]) {
                            matched = 1;
                            continue;
                        }
                    }
                    pass.write(b);
                }
                to.write(pass.toByteArray());
            }
        } catch (IOException ignored) {
            // the connection is gone; output handling reports what matters
        }
        conn.closeWrite();
    }

    /** "ctrl-p,ctrl-q" and the like as bytes; docker's default when empty. */
    static byte[] detachKeys(String spec) {
        if (spec == null || spec.isEmpty()) spec = "ctrl-p,ctrl-q";
        String[] parts = spec.split(",");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() == 1) {
                out[i] = (byte) p.charAt(0);
            } else if (p.startsWith("ctrl-") && p.length() == 6) {
                char c = Character.toLowerCase(p.charAt(5));
                if (c >= 'a' && c <= 'z') out[i] = (byte) (c - 'a' + 1);
                else if (c == '@') out[i] = 0;
                else if (c == '[') out[i] = 27;
                else if (c == '\\') out[i] = 28;
                else if (c == ']') out[i] = 29;
                else if (c == '^') out[i] = 30;
                else if (c == '_') out[i] = 31;
                else throw new CliException("Unknown character: '" + p + "'");
            } else {
                throw new CliException("Unknown character: '" + p + "'");
            }
        }
        return out;
    }
}
