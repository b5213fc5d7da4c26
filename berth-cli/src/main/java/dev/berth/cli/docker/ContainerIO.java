package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.client.Hijacked;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * The pieces docker run, start -a, attach and exec share: attaching, waiting (asked before
 * start, as the CLI does), the local terminal in raw mode, tty resizes and signal forwarding.
 */
final class ContainerIO {
    private ContainerIO() {}

    static Hijacked attach(DockerClient c, String id, boolean stdin, boolean stdout, boolean stderr, String detachKeys) {
        Query q = Query.of("stream", "1").flag("stdin", stdin).flag("stdout", stdout).flag("stderr", stderr).opt("detachKeys", detachKeys);
        return c.hijack("/containers/" + id + "/attach", q, null);
    }

    /** POST wait; returns once the daemon has sent its headers, the body comes at exit. */
    static Response waitRequest(DockerClient c, String id, String condition) {
        return c.call("POST", "/containers/" + id + "/wait", Query.of("condition", condition), null);
    }

    /** The exit status from a wait response; 125 with a message when the wait itself failed. */
    static int waitStatus(Session s, Response wait) {
        JsonNode r;
        try {
            r = wait.json();
        } catch (RuntimeException e) {
            s.err().println("Error waiting for container: " + e.getMessage());
            return 125;
        }
        JsonNode error = r.path("Error");
        if (error.isObject() && !error.path("Message").asText("").isEmpty()) {
            s.err().println("Error waiting for container: " + error.path("Message").asText());
            return 125;
        }
        return r.path("StatusCode").asInt();
    }

    static void resize(DockerClient c, String path, int[] size) {
        if (size[0] == 0 && size[1] == 0) return;
        try {
            c.call("POST", path + "/resize", Query.of("h", Integer.toString(size[0])).set("w", Integer.toString(size[1])), null).close();
        } catch (RuntimeException ignored) {
            // the CLI ignores resize failures (the process may have exited)
        }
    }

    /** Sends the tty size now and again on every SIGWINCH. */
    static void monitorTtySize(Session s, String path) {
        DockerClient c = s.client();
        resize(c, path, s.ttySize());
        try {
            Signal.handle(new Signal("WINCH"), sig -> resize(c, path, s.ttySize()));
        } catch (IllegalArgumentException ignored) {
            // no SIGWINCH here
        }
    }

    /** --sig-proxy: the signals this process gets are sent to the container as kill requests. */
    static void forwardSignals(DockerClient c, String id) {
        for (String name : List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2")) {
            try {
                Signal.handle(new Signal(name), sig -> Thread.ofPlatform().daemon().start(() -> {
                    try {
                        c.call("POST", "/containers/" + id + "/kill", Query.of("signal", sig.getName()), null).close();
                    } catch (RuntimeException e) {
                        Session.get().err().println("Error: " + e.getMessage());
                    }
                }));
            } catch (IllegalArgumentException ignored) {
                // the JVM reserves this one
            }
        }
    }

    /** Runs the streams of an attached session to the end; the terminal is raw meanwhile when stdin is a tty. */
    static HijackStreamer.Result stream(Session s, Hijacked h, InputStream in, boolean stdout, boolean stderr, boolean tty,
                                        String detachKeys, Runnable afterStart) throws Exception {
        AutoCloseable raw = null;
        if (in != null && tty && s.stdinIsTerminal()) raw = dev.berth.cli.term.Terminal.makeRaw();
        try {
            OutputStream out = stdout ? s.rawOut() : null;
            OutputStream err = stderr ? (tty ? s.rawOut() : s.rawErr()) : null;
            HijackStreamer.Result[] result = new HijackStreamer.Result[1];
            Throwable[] failure = new Throwable[1];
            Thread t = new HijackStreamer(h).start(in, out, err, tty, detachKeys, s.stdinIsTerminal(), result, failure);
            if (afterStart != null) afterStart.run();
            t.join();
            if (failure[0] != null) throw new CliException(failure[0].getMessage());
            return result[0];
        } finally {
            if (raw != null) raw.close();
            h.close();
        }
    }

    /** docker's toStatusError: 127 and 126 from the error text, 125 otherwise, with the --help hint. */
    static CliException statusError(DockerCommand cmd, RuntimeException e) {
        String msg = e.getMessage();
        int code = 125;
        if (msg.contains("executable file not found") || msg.contains("no such file or directory") || msg.contains("system cannot find the file specified")) {
            code = 127;
        } else if (msg.contains("permission denied") || msg.contains("is a directory")) {
            code = 126;
        }
        return cmd.withHelp(msg, code);
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }

    static boolean isNotFound(RuntimeException e) {
        return e instanceof DaemonError d && d.isNotFound();
    }
}
