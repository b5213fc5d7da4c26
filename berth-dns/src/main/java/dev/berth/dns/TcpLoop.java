package dev.berth.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Serves DNS over TCP (RFC 7766) on one listening channel until it is closed: each connection on its own thread,
 * several queries per connection answered in order, idle connections closed after {@link #IDLE_MILLIS}.
 */
final class TcpLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(TcpLoop.class.getName());
    static final int IDLE_MILLIS = 8_000;
    static final int MAX_CONNECTIONS = 100;

    private final ServerSocketChannel listener;
    private final NameLookup names;
    private final Forwarder forwarder;
    private final Executor threads;
    private final Semaphore connectionSlots = new Semaphore(MAX_CONNECTIONS);
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpLoop(ServerSocketChannel listener, NameLookup names, Forwarder forwarder, Executor threads) {
        this.listener = listener;
        this.names = names;
        this.forwarder = forwarder;
        this.threads = threads;
    }

    @Override
    public void run() {
        while (true) {
            SocketChannel connection;
            try {
                connection = listener.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException failed) {
                if (!listener.isOpen()) {
                    return;
                }
                LOG.log(Level.WARNING, "embedded DNS: accepting on " + listener + " failed", failed);
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                closeQuietly(connection);
                continue;
            }
            open.add(connection);
            if (closed) {
                closeConnections();
            }
            try {
                threads.execute(() -> converse(connection));
            } catch (RejectedExecutionException closing) {
                release(connection);
                return;
            }
        }
    }

    /** Closes the accepted connections, waking their threads; the listener itself is closed by the owner. */
    void closeConnections() {
        closed = true;
        for (SocketChannel connection : open) {
            closeQuietly(connection);
        }
    }

    private void converse(SocketChannel connection) {
        try {
            Socket socket = connection.socket();
            socket.setSoTimeout(IDLE_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int length = in.readUnsignedShort();
                byte[] raw = in.readNBytes(length);
                if (raw.length != length) {
                    return;
                }
                Message query = Answers.parseQuery(ByteBuffer.wrap(raw));
                if (query == null) {
                    return;
                }
                out.write(Wire.framed(answer(raw, query)));
            }
        } catch (EOFException | SocketTimeoutException | ClosedChannelException done) {
            // the client hung up, went idle, or the server is closing
        } catch (IOException | RuntimeException failed) {
            if (!closed) {
                LOG.log(Level.FINE, "embedded DNS: TCP connection " + connection + " failed", failed);
            }
        } finally {
            release(connection);
        }
    }

    private byte[] answer(byte[] raw, Message query) {
        Message local = Answers.localOrServfail(query, names);
        if (local != null) {
            return Answers.wire(local, Answers.MAX_SIZE);
        }
        if (!forwarder.tryReserve()) {
            return Answers.wire(Answers.error(query, Rcode.SERVFAIL), Answers.MAX_SIZE);
        }
        return forwarder.forward(raw, query, true, Answers.MAX_SIZE);
    }

    private void release(SocketChannel connection) {
        closeQuietly(connection);
        if (open.remove(connection)) {
            connectionSlots.release();
        }
    }

    private static void closeQuietly(SocketChannel connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // nothing left to do with a connection we are dropping
        }
    }
}
