package dev.berth.dns;

import dev.berth.common.BerthException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Docker's embedded DNS server (the {@code nameserver 127.0.0.11} of containers on user-defined networks), serving
 * channels the caller opened inside the container's network namespace.
 *
 * <p>Lifecycle: {@link #serve} starts serving at once on virtual threads; {@link #close()} closes the channels, ends
 * every serving and forwarding thread and returns when they are gone (the ports can be bound again).
 *
 * <p>Answers: A/AAAA for container names (TTL 600, addresses shuffled per answer like Docker), NOERROR without records
 * for a known name asked in the family it lacks (so clients do not fall through to upstream), MX for a known name
 * (NOERROR, empty), PTR for container addresses. Everything else is forwarded to {@code upstreams} (see
 * {@link Forwarder}); none reachable, or more than {@link #MAX_CONCURRENT_FORWARDS} forwards in flight, gives SERVFAIL.
 * Malformed messages are dropped.
 *
 * <pre>{@code
 * try (EmbeddedDns dns = EmbeddedDns.serve(udp, tcp, lookup, () -> List.of(new InetSocketAddress("8.8.8.8", 53)))) {
 *     ... the container runs ...
 * }
 * }</pre>
 */
public final class EmbeddedDns implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDns.class.getName());
    /** Per upstream server and attempt, as Docker's extIOTimeout. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(4);
    static final int MAX_CONCURRENT_FORWARDS = 100;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final TcpLoop tcpLoop;
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDns(DatagramChannel udp, ServerSocketChannel tcp, TcpLoop tcpLoop, ExecutorService threads) {
        this.udp = udp;
        this.tcp = tcp;
        this.tcpLoop = tcpLoop;
        this.threads = threads;
    }

    /**
     * Starts serving DNS on the given bound channels; they belong to the returned server from now on.
     *
     * @param udp a bound UDP channel (127.0.0.11:53 in the container's netns)
     * @param tcp a bound listening TCP channel on the same address, or null for UDP only
     * @param names the container names visible to the container
     * @param upstreams the servers to forward other queries to, in order; asked again for every forwarded query
     */
    public static EmbeddedDns serve(DatagramChannel udp, ServerSocketChannel tcp, NameLookup names,
                                    Supplier<List<InetSocketAddress>> upstreams) {
        return serve(udp, tcp, names, upstreams, UPSTREAM_TIMEOUT, MAX_CONCURRENT_FORWARDS);
    }

    static EmbeddedDns serve(DatagramChannel udp, ServerSocketChannel tcp, NameLookup names,
                             Supplier<List<InetSocketAddress>> upstreams, Duration upstreamTimeout, int maxForwards) {
        Objects.requireNonNull(udp, "udp");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(upstreams, "upstreams");
        try {
            if (udp.getLocalAddress() == null) {
                throw BerthException.invalid("embedded DNS: the UDP channel %s is not bound", udp);
            }
            if (tcp != null && tcp.getLocalAddress() == null) {
                throw BerthException.invalid("embedded DNS: the TCP channel %s is not bound", tcp);
            }
            udp.configureBlocking(true);
            if (tcp != null) {
                tcp.configureBlocking(true);
            }
        } catch (IOException e) {
            throw BerthException.internal("embedded DNS: cannot use the channels " + udp + ", " + tcp, e);
        }
        Forwarder forwarder = new Forwarder(upstreams, upstreamTimeout, maxForwards);
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("berth-dns-", 0).factory());
        TcpLoop tcpLoop = tcp == null ? null : new TcpLoop(tcp, names, forwarder, threads);
        threads.execute(new UdpLoop(udp, names, forwarder, threads));
        if (tcpLoop != null) {
            threads.execute(tcpLoop);
        }
        return new EmbeddedDns(udp, tcp, tcpLoop, threads);
    }

    /** Stops serving: closes the channels and connections, interrupts forwards, waits for every thread to end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(udp);
        closeQuietly(tcp);
        if (tcpLoop != null) {
            tcpLoop.closeConnections();
        }
        threads.shutdownNow();
        boolean interrupted = false;
        try {
            if (!threads.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("embedded DNS on " + udp + ": serving threads still running " + STOP_WAIT + " after close");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every thread of this server has ended (for tests). */
    boolean terminated() {
        return threads.isTerminated();
    }

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "embedded DNS: closing " + channel + " failed", e);
        }
    }
}
