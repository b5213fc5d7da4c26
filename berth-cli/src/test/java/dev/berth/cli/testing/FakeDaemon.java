package dev.berth.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A scripted Engine API on a unix socket for tests: answers HEAD /_ping with a chosen
 * Api-Version, records every request (line, headers, body), and hands the rest to a handler that
 * writes whatever raw bytes a test needs (chunked bodies, 101 upgrades, frames).
 */
public final class FakeDaemon implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        public String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes the response (and may keep talking on a hijacked connection). */
    @FunctionalInterface
    public interface Handler {
        void handle(Request request, InputStream in, OutputStream out, SocketChannel channel) throws IOException;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final String apiVersion;
    private final Handler handler;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    public FakeDaemon(Path socket, String apiVersion, Handler handler) throws IOException {
        this.socket = socket;
        this.apiVersion = apiVersion;
        this.handler = handler;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofPlatform().daemon().start(this::accept);
    }

    public String host() {
        return "unix://" + socket;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The first recorded request whose path ends with the suffix (version prefix ignored). */
    public Request find(String method, String pathSuffix) {
        for (Request r : requests()) if (r.method().equals(method) && r.path().endsWith(pathSuffix)) return r;
        return null;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            InputStream in = Channels.newInputStream(c);
            OutputStream out = Channels.newOutputStream(c);
            while (true) {
                String line = readLine(in);
                if (line == null || line.isEmpty()) return;
                String[] parts = line.split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                String h;
                while ((h = readLine(in)) != null && !h.isEmpty()) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                byte[] body = readBody(in, headers);
                Request r = new Request(parts[0], parts[1], headers, body);
                requests.add(r);
                if (r.method().equals("HEAD") && r.path().equals("/_ping")) {
                    String v = apiVersion == null ? "" : "Api-Version: " + apiVersion + "\r\n";
                    out.write(("HTTP/1.1 200 OK\r\n" + v + "Ostype: linux\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                handler.handle(r, in, out, c);
                out.flush();
                if ("close".equalsIgnoreCase(headers.get("connection")) || "upgrade".equalsIgnoreCase(headers.get("connection"))) return;
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) return in.readNBytes(Integer.parseInt(headers.get("content-length")));
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                int n = Integer.parseInt(readLine(in).trim(), 16);
                if (n == 0) {
                    readLine(in);
                    return b.toByteArray();
                }
                b.write(in.readNBytes(n));
                readLine(in);
            }
        }
        return new byte[0];
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.write(c);
        if (c < 0 && b.size() == 0) return null;
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** A JSON (or plain) response with Content-Length. */
    public static void respond(OutputStream out, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String type = body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain";
        out.write(("HTTP/1.1 " + status + " X\r\nApi-Version: 1.43\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    /** A chunked response, one chunk per part. */
    public static void respondChunked(OutputStream out, int status, String contentType, List<byte[]> chunks) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            out.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(c);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Routes by method and path suffix; unknown requests get 404 page not found. */
    public static Handler routes(Map<String, Function<Request, String>> jsonByRoute) {
        return (r, in, out, ch) -> {
            for (var e : jsonByRoute.entrySet()) {
                String[] mp = e.getKey().split(" ", 2);
                if (r.method().equals(mp[0]) && r.path().endsWith(mp[1])) {
                    String body = e.getValue().apply(r);
                    int status = 200;
                    if (body.startsWith("!")) {
                        status = Integer.parseInt(body.substring(1, 4));
                        body = body.substring(4);
                    }
                    respond(out, status, body);
                    return;
                }
            }
            respond(out, 404, "{\"message\":\"page not found\"}");
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
    }
}
