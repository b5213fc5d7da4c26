package dev.berth.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real docker CLI against a test daemon's socket. */
final class DockerCli {
    record Result(int exit, String out, String err) {}

    private final String host;
    private final String binary;

    DockerCli(String host, String binary) {
        this.host = host;
        this.binary = binary;
    }

    /** Every docker client on this machine: CLI 28 (/usr/local/bin) and Debian's 20.10 (/usr/bin). */
    static List<String> clients() {
        List<String> out = new ArrayList<>();
        for (String p : List.of("/usr/local/bin/docker", "/usr/bin/docker")) if (Files.isExecutable(Path.of(p))) out.add(p);
        if (out.isEmpty()) throw new AssertionError("no docker CLI installed (scripts/setup.sh --deps installs docker.io)");
        return out;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", host);
        pb.environment().put("DOCKER_CONFIG", Files.createTempDirectory("docker-config").toString());
        Process p = pb.start();
        if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
