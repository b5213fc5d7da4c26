package dev.berth.cli.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 exchange on its own connection (as the Go CLI does for each concurrent request). */
final class HttpConnection implements Closeable {
    static final String HOST = "api.moby.localhost";

    private final SocketChannel channel;
    private final SocketInput in;
    private final OutputStream out;

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = new SocketInput(channel);
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) channel.write(bb);
            }
        };
    }

    static HttpConnection open(DaemonAddress address) throws IOException {
        return new HttpConnection(address.connect());
    }

    /** Sends the request line, headers and a body of known length (empty for none). */
    void send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = head(method, target, headers);
        if (body != null && (body.length > 0 || !method.equals("GET") && !method.equals("HEAD"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            out.write(h, 0, h.length);
        } else {
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            out.write(all, 0, all.length);
        }
    }

    /** Sends a request whose body is streamed with chunked transfer encoding (load, import, cp). */
    void sendChunked(String method, String target, Map<String, String> headers, InputStream body) throws IOException {
        StringBuilder head = head(method, target, headers);
        head.append("Transfer-Encoding: chunked\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = body.read(buf)) > 0) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buf, 0, n);
            out.write(CRLF);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static StringBuilder head(String method, String target, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(HOST).append("\r\n");
        head.append("User-Agent: Berth-Client/").append(DockerClient.CLIENT_VERSION).append(" (linux)\r\n");
        for (var e : headers.entrySet()) head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        return head;
    }

    /** Reads the status line and headers, and frames the body by what they say. */
    Response receive(boolean headRequest) throws IOException {
        String status = in.readLine();
        if (status == null) throw new IOException("the daemon closed the connection without answering");
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("malformed response from the daemon: " + status);
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed response from the daemon: " + status);
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        InputStream body;
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if (headRequest || code == 204 || code == 304 || code == 101 || code / 100 == 1) {
            body = code == 101 ? BodyStreams.untilClose(in) : BodyStreams.fixed(in, 0);
        } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = BodyStreams.chunked(in);
        } else if (cl != null) {
            body = BodyStreams.fixed(in, Long.parseLong(cl.trim()));
        } else {
            body = BodyStreams.untilClose(in);
        }
        return new Response(code, headers, body, this);
    }

    /** The raw two-way stream after a 101: buffered bytes already read stay in front. */
    InputStream rawInput() {
        return in;
    }

    OutputStream rawOutput() {
        return out;
    }

    /** Half-close: the daemon sees EOF on stdin while output keeps flowing. */
    void closeWrite() {
        try {
            channel.shutdownOutput();
        } catch (IOException ignored) {
            // already closed by the other side
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
