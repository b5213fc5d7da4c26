package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonAddress;
import dev.berth.cli.client.DockerClient;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What one CLI invocation works with: the daemon address from -H / BERTH_HOST / DOCKER_HOST,
 * the client (connected on first use), and the three standard streams. Tests make their own.
 */
public final class Session {
    private static Session current;

    private final String hostFlag;
    private final Map<String, String> env;
    private final InputStream in;
    private final OutputStream rawOut;
    private final OutputStream rawErr;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean stdio;
    private DockerClient client;
    private Boolean stdinTty;
    private Boolean stdoutTty;

    public Session(String hostFlag, Map<String, String> env, InputStream in, OutputStream out, OutputStream err) {
        this(hostFlag, env, in, out, err, false);
    }

    private Session(String hostFlag, Map<String, String> env, InputStream in, OutputStream out, OutputStream err, boolean stdio) {
        this.stdio = stdio;
        this.hostFlag = hostFlag;
        this.env = env;
        this.in = in;
        this.rawOut = out;
        this.rawErr = err;
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** The process's own streams. */
    public static Session system(String hostFlag) {
        return new Session(hostFlag, System.getenv(), new FileInputStream(FileDescriptor.in),
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                new FileOutputStream(FileDescriptor.err), true);
    }

    public String hostFlag() {
        return hostFlag;
    }

    static Session get() {
        return current;
    }

    static void set(Session s) {
        current = s;
    }

    public DockerClient client() {
        if (client == null) {
            client = new DockerClient(address(), env.get("DOCKER_API_VERSION"));
        }
        return client;
    }

    public DaemonAddress address() {
        try {
            return DaemonAddress.resolve(hostFlag, env);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream in() {
        return in;
    }

    /** Text output; flushed when the command ends. */
    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Byte output for streams (logs, attach): the same stream as {@link #out()}, flushed by the caller. */
    public OutputStream rawOut() {
        out.flush();
        return rawOut;
    }

    public OutputStream rawErr() {
        err.flush();
        return rawErr;
    }

    public boolean stdinIsTerminal() {
        if (stdinTty == null) stdinTty = stdio && dev.berth.cli.term.Terminal.isTerminal(0);
        return stdinTty;
    }

    public boolean stdoutIsTerminal() {
        if (stdoutTty == null) stdoutTty = stdio && dev.berth.cli.term.Terminal.isTerminal(1);
        return stdoutTty;
    }

    /** {rows, cols} of the terminal on stdout, or {0, 0}. */
    public int[] ttySize() {
        return stdoutIsTerminal() ? dev.berth.cli.term.Terminal.size(1) : new int[] {0, 0};
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
