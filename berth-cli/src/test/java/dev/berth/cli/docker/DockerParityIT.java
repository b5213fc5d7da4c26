package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/berth and the real docker CLI 28 side by side against the same daemon: the same command
 * must give the same stdout, stderr and exit code, once IDs, names, times and the program name
 * are normalised. The daemon is the reference dockerd (started here if it is not running, and
 * then stopped again), or the one named by -Dberth.it.host (the lead's berthd runs).
 */
class DockerParityIT {
    static final Path TOP = Path.of(System.getProperty("user.dir")).getParent();
    static final String REFERENCE = "/work/shared/tools/reference-dockerd";
    static final String DOCKER = "/usr/local/bin/docker";
    static String host;
    static boolean startedReference;

    record Out(int exit, String out, String err) {}

    @BeforeAll
    static void daemon() throws Exception {
        assertTrue(Files.isExecutable(Path.of(DOCKER)), "the docker CLI is needed at " + DOCKER);
        assertTrue(Files.isExecutable(TOP.resolve("bin/berth")), "bin/berth is missing under " + TOP);
        host = System.getProperty("berth.it.host");
        if (host == null || host.isBlank()) {
            host = "unix:///run/ref-docker/docker.sock";
            String status = run(List.of(REFERENCE, "status"), "").out();
            if (!status.startsWith("running")) {
                Out started = run(List.of(REFERENCE, "start"), "");
                assertEquals(0, started.exit(), "reference-dockerd start: " + started.err());
                startedReference = true;
            }
        }
        Out ping = docker("version", "--format", "{{.Server.Version}}");
        assertEquals(0, ping.exit(), "no daemon at " + host + ": " + ping.err());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (startedReference) run(List.of(REFERENCE, "stop"), "");
    }

    static Out run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DOCKER_HOST");
        pb.environment().remove("BERTH_HOST");
        pb.environment().put("BERTH_NO_AOT", "1");
        Path in = Files.createTempFile("berth-it-stdin", "");
        try {
            Files.writeString(in, stdin);
            pb.redirectInput(in.toFile());
            Path out = Files.createTempFile("berth-it-out", ""), err = Files.createTempFile("berth-it-err", "");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Out(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } finally {
            Files.deleteIfExists(in);
        }
    }

    static Out docker(String... args) throws Exception {
        return dockerIn("", args);
    }

    static Out dockerIn(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host));
        cmd.addAll(List.of(args));
        return run(cmd, stdin);
    }

    static Out berthIn(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TOP.resolve("bin/berth").toString(), "-H", host));
        cmd.addAll(List.of(args));
        return run(cmd, stdin);
    }

    /** IDs, times, names and the program's own name made comparable. */
    static String normalise(String s, String... names) {
        for (String n : names) s = s.replace(n, "<name>");
        return s.replaceAll("[0-9a-f]{64}", "<id>")
                .replaceAll("\\b[0-9a-f]{12}\\b", "<id>")
                .replaceAll("(Less than a second|About a minute|About an hour|\\d+ (seconds|minutes|hours|days|weeks|months|years)|1 second)", "<time>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<ts>")
                .replace("docker", "berth").replace("Docker", "Berth")
                .replaceAll(" {2,}", "  ");   // table columns move with the width of the normalised cells
    }

    static void same(String stdin, String... args) throws Exception {
        Out d = dockerIn(stdin, args), b = berthIn(stdin, args);
        assertEquals(d.exit(), b.exit(), "exit code of " + List.of(args) + "\ndocker err: " + d.err() + "\nberth err: " + b.err());
        assertEquals(normalise(d.out()), normalise(b.out()), "stdout of " + List.of(args));
        assertEquals(normalise(d.err()), normalise(b.err()), "stderr of " + List.of(args));
    }

    @Test
    void runRemovesAndPrints() throws Exception {
        same("", "run", "--rm", "busybox", "echo", "hi");
        same("", "run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 5");
        same("", "run", "--rm", "-e", "A=1", "-w", "/tmp", "-u", "65534", "busybox", "sh", "-c", "echo $A $(pwd) $(id -u)");
        same("", "run", "--rm", "--entrypoint", "echo", "busybox", "a", "b");
    }

    @Test
    void exitCodes() throws Exception {
        same("", "run", "--rm", "busybox", "sh", "-c", "exit 3");
        same("", "run", "--rm", "busybox", "nosuchcmd");
        same("", "run", "--rm", "busybox", "/etc");
        same("", "run", "--rm", "-m", "1x", "busybox");
        same("", "run", "--rm", "--restart", "always", "busybox");
        same("", "run");
        same("", "run", "--rm", "--nosuchflag", "busybox");
    }

    @Test
    void pipedStdin() throws Exception {
        same("line1\nline2\n", "run", "--rm", "-i", "busybox", "cat");
        same("abc", "run", "--rm", "-i", "busybox", "wc", "-c");
        same("", "run", "--rm", "-i", "busybox", "cat");
    }

    @Test
    void detachedLifecycle() throws Exception {
        String dn = "berthit-d-" + ProcessHandle.current().pid(), bn = "berthit-b-" + ProcessHandle.current().pid();
        try {
            Out d = docker("run", "-d", "--name", dn, "-l", "it=1", "busybox", "sh", "-c", "echo started; echo e >&2; sleep 300");
            Out b = berthIn("", "run", "-d", "--name", bn, "-l", "it=1", "busybox", "sh", "-c", "echo started; echo e >&2; sleep 300");
            assertEquals(0, d.exit(), d.err());
            assertEquals(0, b.exit(), b.err());
            assertEquals(normalise(d.out()), normalise(b.out()));
            assertTrue(b.out().matches("[0-9a-f]{64}\n"), b.out());
            Thread.sleep(1500);
            pair(dn, bn, "ps", "--filter", "name=%s");
            pair(dn, bn, "ps", "-a", "--filter", "name=%s", "--format", "{{.Names}} {{.Image}} {{.Command}} {{.Labels}} {{.State}}");
            pair(dn, bn, "logs", "%s");
            pair(dn, bn, "logs", "--tail", "2", "%s");   // stdout and stderr reach the log in either order
            pair(dn, bn, "exec", "%s", "sh", "-c", "echo in-exec; exit 4");
            pair(dn, bn, "exec", "%s", "nosuchcmd");
            pairIn("piped\n", dn, bn, "exec", "-i", "%s", "cat");
            pair(dn, bn, "inspect", "-f", "{{.State.Running}} {{.Config.Cmd}} {{index .Config.Labels \"it\"}} {{json .Config.Env}} {{.HostConfig.AutoRemove}}", "%s");
            pair(dn, bn, "inspect", "--type", "container", "-f", "{{.Name}}", "%s");
            pair(dn, bn, "port", "%s");
            pair(dn, bn, "pause", "%s");
            pair(dn, bn, "ps", "--filter", "name=%s", "--format", "{{.Status}}");
            pair(dn, bn, "unpause", "%s");
            pair(dn, bn, "stop", "-t", "1", "%s");
            pair(dn, bn, "ps", "-a", "--filter", "name=%s", "--format", "{{.State}}");
            pair(dn, bn, "wait", "%s");
            pair(dn, bn, "start", "%s");
            pair(dn, bn, "kill", "%s");
            pair(dn, bn, "rm", "%s");
            pair(dn, bn, "rm", "%s");
        } finally {
            docker("rm", "-f", dn);
            docker("rm", "-f", bn);
        }
    }

    private static void pair(String dn, String bn, String... template) throws Exception {
        pairIn("", dn, bn, template);
    }

    /** The same command on docker's container and on berth's, each name replaced before comparing. */
    private static void pairIn(String stdin, String dn, String bn, String... template) throws Exception {
        String[] da = new String[template.length], ba = new String[template.length];
        for (int i = 0; i < template.length; i++) {
            da[i] = template[i].replace("%s", dn);
            ba[i] = template[i].replace("%s", bn);
        }
        Out d = dockerIn(stdin, da), b = berthIn(stdin, ba);
        String what = String.join(" ", template);
        assertEquals(d.exit(), b.exit(), "exit code of " + what + "\ndocker: " + d.err() + "\nberth: " + b.err());
        assertEquals(normalise(d.out(), dn), normalise(b.out(), bn), "stdout of " + what);
        assertEquals(normalise(d.err(), dn), normalise(b.err(), bn), "stderr of " + what);
    }

    @Test
    void imagesAndInspect() throws Exception {
        same("", "images", "busybox");
        same("", "images", "-q", "busybox");
        same("", "images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", "busybox");
        same("", "image", "ls", "--no-trunc", "--digests", "busybox");
        same("", "inspect", "busybox");
        same("", "image", "inspect", "-f", "{{.Id}} {{.Config.Labels}} {{range .RepoTags}}{{.}} {{end}}", "busybox");
        same("", "inspect", "nosuch-berthit");
        same("", "inspect", "-f", "{{.Foo}}", "busybox");
        same("", "history", "busybox");
        same("", "history", "--no-trunc", "-H=false", "busybox");
        same("", "rmi", "nosuch-berthit:x");
        same("", "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}");
    }

    @Test
    void errorsOfMissingContainers() throws Exception {
        for (String c : List.of("logs", "stop", "start", "kill", "rm", "pause", "port", "top", "diff", "wait", "restart", "export")) {
            same("", c, "nosuch-berthit");
        }
        same("", "exec", "nosuch-berthit", "true");
        same("", "rename", "nosuch-berthit", "x");
        same("", "cp", "nosuch-berthit:/etc/hostname", "-");
    }

    @Test
    void copiesBothWays() throws Exception {
        String dn = "berthit-cp-d-" + ProcessHandle.current().pid(), bn = "berthit-cp-b-" + ProcessHandle.current().pid();
        Path tmp = Files.createTempDirectory("berth-it-cp");
        try {
            assertEquals(0, docker("run", "-d", "--name", dn, "busybox", "sleep", "300").exit());
            assertEquals(0, docker("run", "-d", "--name", bn, "busybox", "sleep", "300").exit());
            Path src = tmp.resolve("in.txt");
            Files.writeString(src, "payload\n");
            pair(dn, bn, "cp", src.toString(), "%s:/tmp/new.txt");
            pair(dn, bn, "exec", "%s", "cat", "/tmp/new.txt");
            Files.createDirectories(tmp.resolve("d"));
            Files.createDirectories(tmp.resolve("b"));
            Out d = docker("cp", dn + ":/etc/passwd", tmp.resolve("d").toString());
            Out b = berthIn("", "cp", bn + ":/etc/passwd", tmp.resolve("b").toString());
            assertEquals(d.exit(), b.exit(), b.err());
            assertEquals(normalise(d.err().replace(tmp.resolve("d").toString(), "<dst>")), normalise(b.err().replace(tmp.resolve("b").toString(), "<dst>")));
            assertEquals(Files.readString(tmp.resolve("d/passwd")), Files.readString(tmp.resolve("b/passwd")));
        } finally {
            docker("rm", "-f", dn);
            docker("rm", "-f", bn);
            try (var w = Files.walk(tmp)) {
                w.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        Path tar = Files.createTempFile("berth-it-save", ".tar");
        try {
            Out s = berthIn("", "save", "-o", tar.toString(), "busybox");
            assertEquals(0, s.exit(), s.err());
            assertTrue(Files.size(tar) > 1_000_000, "the saved busybox is over a megabyte");
            Out l = berthIn("", "load", "-i", tar.toString());
            Out dl = docker("load", "-i", tar.toString());
            assertEquals(dl.exit(), l.exit());
            assertEquals(normalise(dl.out()), normalise(l.out()));
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
