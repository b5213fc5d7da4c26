package dev.berth.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Forwards the queries the embedded server cannot answer to the upstream servers, in order, like Docker: UDP queries
 * over UDP (retried over TCP with the same server when the UDP answer is truncated), TCP queries over TCP. A server that
 * does not answer within the timeout, answers SERVFAIL or REFUSED is skipped; when none answers the client gets SERVFAIL.
 *
 * <p>Each exchange uses a fresh socket (random source port) and a random query ID; the answer is relayed byte for byte
 * except that its ID is set back to the client's. Forwards run on the caller's thread; {@link #tryReserve()} bounds how
 * many run at once.
 */
final class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());
    /** Docker tries at most this many upstream servers. */
    static final int MAX_UPSTREAMS = 3;

    private final Supplier<List<InetSocketAddress>> upstreams;
    private final int timeoutMillis;
    private final Semaphore slots;
    private final SecureRandom ids = new SecureRandom();

    Forwarder(Supplier<List<InetSocketAddress>> upstreams, Duration timeout, int maxInFlight) {
        if (timeout.isNegative() || timeout.isZero() || maxInFlight < 1) {
            throw new IllegalArgumentException("forwarder needs a positive timeout and limit, got " + timeout + ", " + maxInFlight);
        }
        this.upstreams = upstreams;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.slots = new Semaphore(maxInFlight);
    }

    /** Takes one forwarding slot; false when the limit of concurrent forwards is reached (answer SERVFAIL then). */
    boolean tryReserve() {
        return slots.tryAcquire();
    }

    /** Gives back a slot taken by {@link #tryReserve()} that will not be used by {@link #forward}. */
    void unreserve() {
        slots.release();
    }

    /**
     * Forwards a query with a reserved slot and releases it.
     *
     * @param wire the client's query as received
     * @param query the same, parsed
     * @param tcp whether the client asked over TCP
     * @param clientLimit the largest answer the client takes
     * @return the answer to send to the client: the upstream answer with the client's ID, or SERVFAIL
     */
    byte[] forward(byte[] wire, Message query, boolean tcp, int clientLimit) {
        try {
            int tried = 0;
            for (InetSocketAddress server : upstreamList()) {
                if (tried++ == MAX_UPSTREAMS || Thread.currentThread().isInterrupted()) {
                    break;
                }
                byte[] answer = tcp ? exchangeTcp(server, wire) : exchangeUdp(server, wire);
                if (answer != null && !tcp && Wire.truncated(answer)) {
                    byte[] full = exchangeTcp(server, wire);
                    if (full != null && full.length <= clientLimit) {
                        answer = full;
                    }
                }
                if (answer == null) {
                    continue;
                }
                int rcode = Wire.rcode(answer);
                if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) {
                    LOG.log(Level.FINE, "upstream {0} answered {1}", new Object[] {server, Rcode.string(rcode)});
                    continue;
                }
                Wire.setId(answer, query.getHeader().getID());
                return answer;
            }
            return Answers.wire(Answers.error(query, Rcode.SERVFAIL), clientLimit);
        } finally {
            slots.release();
        }
    }

    private List<InetSocketAddress> upstreamList() {
        try {
            List<InetSocketAddress> servers = upstreams.get();
            return servers == null ? List.of() : servers;
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "embedded DNS: cannot get the upstream servers", failed);
            return List.of();
        }
    }

    private byte[] exchangeUdp(InetSocketAddress server, byte[] wire) {
        int id = ids.nextInt(0x10000);
        byte[] query = Wire.withId(wire, id);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            byte[] buffer = new byte[Answers.MAX_SIZE];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                // Anything else on this socket (a late answer to nothing we asked, spoofing) is ignored.
                if (Wire.answers(buffer, packet.getLength(), id)) {
                    return Arrays.copyOf(buffer, packet.getLength());
                }
            }
        } catch (SocketTimeoutException timeout) {
            LOG.log(Level.FINE, "upstream {0} did not answer over UDP within {1} ms", new Object[] {server, timeoutMillis});
            return null;
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.FINE, "upstream " + server + " over UDP failed", failed);
            return null;
        }
    }

    private byte[] exchangeTcp(InetSocketAddress server, byte[] wire) {
        int id = ids.nextInt(0x10000);
        byte[] query = Wire.withId(wire, id);
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(Wire.framed(query));
            InputStream in = socket.getInputStream();
            DataInputStream data = new DataInputStream(in);
            int length = data.readUnsignedShort();
            byte[] answer = data.readNBytes(length);
            return answer.length == length && Wire.answers(answer, length, id) ? answer : null;
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.FINE, "upstream " + server + " over TCP failed", failed);
            return null;
        }
    }
}
