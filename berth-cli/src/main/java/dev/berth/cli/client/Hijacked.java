package dev.berth.cli.client;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A hijacked attach or exec-start connection after its 101: raw bytes both ways. Output is
 * multiplexed in 8-byte frames unless the container (or exec) has a tty; input is always raw.
 * {@link #closeWrite()} half-closes, which the daemon reads as EOF on stdin.
 */
public final class Hijacked implements Closeable {
    private final HttpConnection connection;

    Hijacked(HttpConnection connection) {
        this.connection = connection;
    }

    public InputStream input() {
        return connection.rawInput();
    }

    public OutputStream output() {
        return connection.rawOutput();
    }

    public void closeWrite() {
        connection.closeWrite();
    }

    @Override
    public void close() {
        connection.close();
    }
}
