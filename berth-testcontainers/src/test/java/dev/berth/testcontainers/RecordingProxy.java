package dev.berth.testcontainers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-transparent unix socket relay in front of berthd that notes each request line the client
 * sends and each status line berthd answers, in order, so a test can say exactly which request a
 * client made (an image pull, say) and which one failed. Half-closes are passed on, so hijacked
 * streams (attach, exec) behave as without it.
 */
final class RecordingProxy implements AutoCloseable {
    // Found at the end of a line: a body without a final newline runs into the next request's line.
    private static final Pattern REQUEST = Pattern.compile("(GET|HEAD|POST|PUT|DELETE) /\\S* HTTP/1\\.[01]$");
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] \\d{3}[^\\r\\n]*$");

    final Path socket;
    private final Path upstream;
    private final ServerSocketChannel server;
    private final List<String> log = new ArrayList<>();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RecordingProxy(Path socket, Path upstream, ServerSocketChannel server) {
        this.socket = socket;
        this.upstream = upstream;
        this.server = server;
    }

    static RecordingProxy start(Path socket, Path upstream) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ss.bind(UnixDomainSocketAddress.of(socket));
        RecordingProxy p = new RecordingProxy(socket, upstream, ss);
        Thread.ofPlatform().daemon().name("proxy accept").start(p::acceptLoop);
        return p;
    }

    /** "> POST /v1.32/containers/create" and "< HTTP/1.1 201 Created" lines, in the order seen. */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Just the requests, without the "> " mark. */
    List<String> requests() {
        return log().stream().filter(l -> l.startsWith("> ")).map(l -> l.substring(2)).toList();
    }

    private synchronized void note(String line) {
        log.add(line);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                open.add(client);
                open.add(daemon);
                AtomicInteger live = new AtomicInteger(2);
                Thread.ofVirtual().start(() -> pump(client, daemon, "> ", REQUEST, live));
                Thread.ofVirtual().start(() -> pump(daemon, client, "< ", STATUS, live));
            } catch (IOException e) {
                note("! cannot reach berthd: " + e.getMessage());
                closeQuietly(client);
            }
        }
    }

    /** Copies one direction; the second of the pair to finish closes both sockets. */
    private void pump(SocketChannel from, SocketChannel to, String mark, Pattern interesting, AtomicInteger live) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        LineSniffer sniffer = new LineSniffer(mark, interesting);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                sniffer.feed(buf.array(), buf.position(), buf.limit());
                while (buf.hasRemaining()) to.write(buf);
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
        if (live.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (SocketChannel ch : open) closeQuietly(ch);
        Files.deleteIfExists(socket);
    }

    /** Keeps the last 512 to 1024 bytes of each line and notes what matches at its end. */
    private final class LineSniffer {
        private final String mark;
        private final Pattern interesting;
        private final byte[] line = new byte[1024];
        private int n;

        LineSniffer(String mark, Pattern interesting) {
            this.mark = mark;
            this.interesting = interesting;
        }

        void feed(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    int len = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    Matcher m = interesting.matcher(new String(line, 0, len, StandardCharsets.ISO_8859_1));
                    if (m.find()) note(mark + m.group().replaceFirst(" HTTP/1\\.[01]$", ""));
                    n = 0;
                } else {
                    if (n == line.length) {
                        System.arraycopy(line, line.length / 2, line, 0, line.length / 2);
                        n = line.length / 2;
                    }
                    line[n++] = b[i];
                }
            }
        }
    }
}
