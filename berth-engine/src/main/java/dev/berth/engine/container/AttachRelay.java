package dev.berth.engine.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Joins a client's hijacked connection to a monitor's attach socket. The monitor already frames
 * output as Docker does (8-byte headers without a tty, raw with one), so output is copied as is;
 * client bytes go to the process's stdin. A client's EOF on stdin becomes a half-close of the
 * monitor socket: in order after the bytes, so nothing sent before it is lost; the monitor then
 * closes the process's stdin (StdinOnce) and goes on sending output.
 */
public final class AttachRelay {
    private AttachRelay() {}

    public static SocketChannel connect(Path socket) throws IOException {
        if (socket.toString().length() <= 100) return open(socket);
        Path viaLink = ShortPath.link(socket);
        try {
            return open(viaLink);
        } finally {
            ShortPath.release(viaLink);
        }
    }

    private static SocketChannel open(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** Runs until the monitor ends the output; then onOutputEnd (the client's half-close) runs. */
    public static void relay(SocketChannel monitor, Path ctlFifo, InputStream clientIn, OutputStream clientOut,
                             Runnable onOutputEnd, boolean stdin, boolean stdinOnce) {
        Thread out = Thread.ofVirtual().start(() -> {
            try (InputStream in = Channels.newInputStream(monitor)) {
                byte[] buf = new byte[32768];
                int n;
                while ((n = in.read(buf)) > 0) {
                    clientOut.write(buf, 0, n);
                    clientOut.flush();
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                onOutputEnd.run();
            }
        });
        try {
            if (stdin) {
                OutputStream toMonitor = Channels.newOutputStream(monitor);
                byte[] buf = new byte[32768];
                int n;
                while ((n = clientIn.read(buf)) > 0) toMonitor.write(buf, 0, n);
                // In-band, after the bytes: the monitor closes the process's stdin (StdinOnce)
                // and goes on sending output.
                if (stdinOnce) monitor.shutdownOutput();
            }
            out.join();
        } catch (IOException e) {
            // the client went away: stop relaying
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                monitor.close();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    public static void resize(Path ctlFifo, int rows, int cols) {
        sendControl(ctlFifo, "resize " + rows + " " + cols + "\n");
    }

    private static void sendControl(Path ctlFifo, String line) {
        // Non-blocking: with its monitor gone (killed), a leftover fifo has no reader.
        if (!Files.exists(ctlFifo)) return;
        try {
            int fd = dev.berth.sys.Libc.open(ctlFifo.toString(), dev.berth.sys.Libc.O_WRONLY | dev.berth.sys.Libc.O_NONBLOCK | dev.berth.sys.Libc.O_CLOEXEC, 0);
            try {
                dev.berth.sys.Libc.write(fd, line.getBytes());
            } finally {
                dev.berth.sys.Libc.close(fd);
            }
        } catch (dev.berth.sys.Errno ignored) {
            // the monitor is gone
        }
    }
}
