package dev.berth.runtime.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** runc 1.1 (/usr/sbin/runc) with its own --root, as the reference the tests compare Berth with. */
public final class Runc {
    public static final String BINARY = "/usr/sbin/runc";

    private final Path root;

    public Runc(Path root) {
        this.root = root;
    }

    private List<String> cmd(String... args) {
        List<String> c = new ArrayList<>(List.of(BINARY, "--root", root.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** `runc run` in the foreground: its exit code is the container's. */
    public RunResult run(Path bundle, String id, Duration timeout) {
        return Cmd.run(cmd("run", "-b", bundle.toString(), id), Map.of(), timeout);
    }

    public RunResult runWithConsole(Path bundle, String id, Path consoleSocket, Duration timeout) {
        return Cmd.run(cmd("run", "--console-socket", consoleSocket.toString(), "-b", bundle.toString(), id), Map.of(), timeout);
    }

    /** `runc run` in the background, its stdout and stderr going to files. */
    public Process startRun(Path bundle, String id, Path out, Path err) {
        try {
            return new ProcessBuilder(cmd("run", "-b", bundle.toString(), id))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** `runc create`: the container keeps the stdout and stderr files after runc exits. */
    public RunResult create(Path bundle, String id, Path out) {
        try {
            Process p = new ProcessBuilder(cmd("create", "-b", bundle.toString(), id))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            p.waitFor();
            return new RunResult(p.exitValue(), "", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public RunResult exec(String id, String... args) {
        List<String> c = cmd("exec", id);
        c.addAll(List.of(args));
        return Cmd.run(c, Map.of(), Duration.ofSeconds(30));
    }

    public RunResult command(String... args) {
        return Cmd.run(cmd(args), Map.of(), Duration.ofSeconds(30));
    }

    public void deleteQuietly(String id) {
        Cmd.run(cmd("delete", "--force", id), Map.of(), Duration.ofSeconds(30));
    }
}
