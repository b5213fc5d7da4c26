package dev.berth.runtime.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion, stdin from /dev/null, capturing both outputs (through files: no pipe deadlock). */
public final class Cmd {
    private Cmd() {}

    public static RunResult run(String... args) {
        return run(List.of(args), Map.of(), Duration.ofSeconds(60));
    }

    public static RunResult run(List<String> args, Map<String, String> env, Duration timeout) {
        Path out = null, err = null;
        try {
            out = Files.createTempFile("berth-it-out", ".txt");
            err = Files.createTempFile("berth-it-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(args)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IllegalStateException("timed out after " + timeout + ": " + args);
            }
            return new RunResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(args + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                if (out != null) Files.deleteIfExists(out);
                if (err != null) Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // temp files
            }
        }
    }

    public static RunResult check(RunResult r) {
        if (r.code() != 0) throw new IllegalStateException("command failed (" + r.code() + "): " + r.stderr() + r.stdout());
        return r;
    }
}
