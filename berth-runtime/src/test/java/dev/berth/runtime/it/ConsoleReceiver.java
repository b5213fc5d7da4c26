package dev.berth.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The other end of --console-socket: a python3 process that accepts one connection, receives the pty master by
 * SCM_RIGHTS (a Java UnixDomainSocket cannot), reads the master until the container side closes (EIO), and prints
 * what it read. Python because the JDK cannot receive file descriptors.
 */
public final class ConsoleReceiver implements AutoCloseable {
    private static final String SCRIPT = String.join("\n",
            "import os, socket, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.bind(sys.argv[1]); s.listen(1); s.settimeout(60)",
            "c, _ = s.accept()",
            "_, fds, _, _ = socket.recv_fds(c, 1024, 1)",
            "c.close()",
            "if not fds:",
            "    sys.exit(3)",
            "out = b''",
            "while True:",
            "    try:",
            "        b = os.read(fds[0], 4096)",
            "    except OSError:",
            "        break",
            "    if not b:",
            "        break",
            "    out += b",
            "sys.stdout.buffer.write(out)",
            "");

    private final Process process;
    private final Path out;

    private ConsoleReceiver(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    public static ConsoleReceiver listen(Path socket) {
        try {
            Path out = Files.createTempFile("berth-it-console", ".txt");
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, socket.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!Sandbox.await(Duration.ofSeconds(10), () -> Files.exists(socket) || !p.isAlive()) || !p.isAlive())
                throw new IllegalStateException("console receiver did not start");
            return new ConsoleReceiver(p, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the container wrote to its terminal, once it has closed it. */
    public String output(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) throw new AssertionError("console still open after " + timeout);
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            Files.deleteIfExists(out);
        } catch (IOException ignored) {
            // temp file
        }
    }
}
