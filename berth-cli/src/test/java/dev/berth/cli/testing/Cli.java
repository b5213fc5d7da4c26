package dev.berth.cli.testing;

import dev.berth.cli.docker.BerthCli;
import dev.berth.cli.docker.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs berth in-process with captured streams. */
public final class Cli {
    public record Result(int exit, String out, String err) {}

    private Cli() {}

    public static Result run(String host, String stdin, String... args) {
        return runWithEnv(System.getenv(), host, stdin, args);
    }

    public static Result runWithEnv(java.util.Map<String, String> env, String host, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Session s = new Session(host, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err);
        int code = BerthCli.execute(s, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
