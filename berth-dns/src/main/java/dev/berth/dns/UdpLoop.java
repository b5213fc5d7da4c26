package dev.berth.dns;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Serves DNS over one UDP channel until it is closed. Container names are answered on the loop's own thread (the fast
 * path: no hand-off, no allocation beyond the message); each forwarded query runs on its own thread from the executor.
 */
final class UdpLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(UdpLoop.class.getName());

    private final DatagramChannel channel;
    private final NameLookup names;
    private final Forwarder forwarder;
    private final Executor threads;

    UdpLoop(DatagramChannel channel, NameLookup names, Forwarder forwarder, Executor threads) {
        this.channel = channel;
        this.names = names;
        this.forwarder = forwarder;
        this.threads = threads;
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(Answers.MAX_SIZE);
        while (true) {
            SocketAddress client;
            try {
                buffer.clear();
                client = channel.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException failed) {
                if (!channel.isOpen()) {
                    return;
                }
                LOG.log(Level.WARNING, "embedded DNS: receiving on " + channel + " failed", failed);
                continue;
            }
            buffer.flip();
            try {
                serve(buffer, client);
            } catch (RuntimeException bug) {
                // One bad query (or a lookup that throws) must not stop the server for the container.
                LOG.log(Level.WARNING, "embedded DNS: failed to answer a query from " + client, bug);
            }
        }
    }

    private void serve(ByteBuffer buffer, SocketAddress client) {
        byte[] raw = Arrays.copyOf(buffer.array(), buffer.limit());
        Message query = Answers.parseQuery(ByteBuffer.wrap(raw));
        if (query == null) {
            return;
        }
        int limit = Answers.udpLimit(query);
        Message local = Answers.localOrServfail(query, names);
        if (local != null) {
            send(Answers.wire(local, limit), client);
            return;
        }
        if (!forwarder.tryReserve()) {
            LOG.log(Level.FINE, "embedded DNS: too many concurrent forwards, SERVFAIL to {0}", client);
            send(Answers.wire(Answers.error(query, Rcode.SERVFAIL), limit), client);
            return;
        }
        try {
            threads.execute(() -> send(forwarder.forward(raw, query, false, limit), client));
        } catch (RejectedExecutionException closing) {
            forwarder.unreserve();
        }
    }

    private void send(byte[] answer, SocketAddress client) {
        try {
            channel.send(ByteBuffer.wrap(answer), client);
        } catch (IOException failed) {
            if (channel.isOpen()) {
                LOG.log(Level.FINE, "embedded DNS: sending the answer to " + client + " failed", failed);
            }
        }
    }
}
