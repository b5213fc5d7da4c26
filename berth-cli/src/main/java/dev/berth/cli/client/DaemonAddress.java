package dev.berth.cli.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * Where the daemon listens: {@code unix:///path} or {@code tcp://host[:port]}. Resolved like the
 * docker CLI resolves its host, with Berth's variable first: the -H flag, then BERTH_HOST, then
 * DOCKER_HOST, then {@link #DEFAULT}.
 */
public record DaemonAddress(String uri, String socketPath, String host, int port) {
    public static final String DEFAULT = "unix:///run/berth/berth.sock";

    public static DaemonAddress resolve(String flag, Map<String, String> env) {
        for (String candidate : new String[] {flag, env.get("BERTH_HOST"), env.get("DOCKER_HOST")}) {
            if (candidate != null && !candidate.isBlank()) return parse(candidate.trim());
        }
        return parse(DEFAULT);
    }

    /** Parses a host the way docker does: a scheme is needed, tcp defaults to port 2375. */
    public static DaemonAddress parse(String uri) {
        if (uri.startsWith("unix://")) {
            String path = uri.substring("unix://".length());
            if (path.isEmpty()) throw new IllegalArgumentException("unable to parse docker host `" + uri + "`");
            return new DaemonAddress(uri, path, null, 0);
        }
        if (uri.startsWith("tcp://") || uri.startsWith("http://")) {
            String rest = uri.substring(uri.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            if (slash >= 0) rest = rest.substring(0, slash);
            String host = rest;
            int port = 2375;
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && !rest.endsWith("]")) {
                host = rest.substring(0, colon);
                try {
                    port = Integer.parseInt(rest.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unable to parse docker host `" + uri + "`");
                }
            }
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.isEmpty()) host = "127.0.0.1";
            return new DaemonAddress(uri, null, host, port);
        }
        if (uri.startsWith("/")) return new DaemonAddress("unix://" + uri, uri, null, 0);
        throw new IllegalArgumentException("unable to parse docker host `" + uri + "`");
    }

    public boolean isUnix() {
        return socketPath != null;
    }

    /** A new blocking connection; reads and writes may then run on two threads at once. */
    SocketChannel connect() throws IOException {
        SocketAddress address;
        SocketChannel channel;
        if (isUnix()) {
            address = UnixDomainSocketAddress.of(socketPath);
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            address = new InetSocketAddress(host, port);
            channel = SocketChannel.open();
        }
        try {
            channel.connect(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return uri;
    }
}
