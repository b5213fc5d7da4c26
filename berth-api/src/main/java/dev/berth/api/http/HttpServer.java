package dev.berth.api.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP/1.1 over unix sockets (and loopback TCP for tests), one virtual thread per connection.
 * Blocking I/O keeps hijacked streams (attach, exec) plain: after the 101 the handler owns the
 * socket. Requests on a connection are served in order (keep-alive).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());

    /** Where to listen: unix:///path or tcp://127.0.0.1:port. */
    public record Listen(String spec) {
        SocketAddress address() {
            if (spec.startsWith("unix://")) return UnixDomainSocketAddress.of(spec.substring(7));
            if (spec.startsWith("tcp://")) {
                String hp = spec.substring(6);
                int colon = hp.lastIndexOf(':');
                return new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
            }
            throw new IllegalArgumentException("unsupported address " + spec + " (unix:// or tcp://)");
        }
    }

    private final List<Listen> listens;
    private final Handler handler;
    private final Map<String, String> commonHeaders;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public HttpServer(List<Listen> listens, Handler handler, Map<String, String> commonHeaders) {
        this.listens = List.copyOf(listens);
        this.handler = handler;
        this.commonHeaders = Map.copyOf(commonHeaders);
    }

    public void start() throws IOException {
        for (Listen l : listens) {
            SocketAddress addr = l.address();
            ServerSocketChannel ss;
            if (addr instanceof UnixDomainSocketAddress u) {
                Files.createDirectories(u.getPath().toAbsolutePath().getParent());
                Files.deleteIfExists(u.getPath());
                ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ss.bind(u, 512);
                Files.setPosixFilePermissions(u.getPath(), PosixFilePermissions.fromString("rw-rw----"));
            } else {
                ss = ServerSocketChannel.open();
                ss.bind(addr, 512);
            }
            servers.add(ss);
            Thread.ofPlatform().daemon().name("accept " + l.spec()).start(() -> acceptLoop(ss));
        }
    }

    /** The bound address of the i-th listener (for tcp://127.0.0.1:0 in tests). */
    public SocketAddress boundAddress(int i) throws IOException {
        return servers.get(i).getLocalAddress();
    }

    private void acceptLoop(ServerSocketChannel ss) {
        while (!closing) {
            try {
                SocketChannel ch = ss.accept();
                open.add(ch);
                Thread.ofVirtual().start(() -> serve(ch));
            } catch (IOException e) {
                if (!closing) LOG.log(Level.WARNING, "accept failed", e);
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 16384);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 16384);
            while (!closing) {
                HttpRequest req;
                try {
                    req = HttpParser.parse(in);
                } catch (HttpParser.BadRequest e) {
                    HttpExchange ex = new HttpExchange(ch, in, out, commonHeaders);
                    ex.send(e.status, "text/plain; charset=utf-8", (e.getMessage() + "\n").getBytes());
                    return;
                }
                if (req == null) return;
                HttpExchange ex = new HttpExchange(ch, in, out, commonHeaders);
                handler.handle(req, ex);
                if (!ex.reusable() || !ex.committed()) return;
                out.flush();
                // Whatever the handler left of the body must go before the next request.
                if (req.body().skip(Long.MAX_VALUE) < 0) return;
                while (req.body().read() >= 0) {
                    // drain
                }
            }
        } catch (IOException e) {
            // client went away
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection handler failed", e);
        } finally {
            open.remove(ch);
        }
    }

    /** Stops accepting; open connections are closed (streams end, hijacked clients see EOF). */
    @Override
    public void close() {
        closing = true;
        for (ServerSocketChannel ss : servers) {
            try {
                SocketAddress a = ss.getLocalAddress();
                ss.close();
                if (a instanceof UnixDomainSocketAddress u) Files.deleteIfExists(u.getPath());
            } catch (IOException ignored) {
                // already closed
            }
        }
        for (SocketChannel ch : open) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Serves one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpRequest request, HttpExchange exchange) throws IOException;
    }

    static Path socketPath(String spec) {
        return Path.of(spec.substring("unix://".length()));
    }
}
