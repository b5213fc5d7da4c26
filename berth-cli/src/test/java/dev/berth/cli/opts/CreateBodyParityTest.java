package dev.berth.cli.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.testing.Cli;
import dev.berth.cli.testing.FakeDaemon;
import dev.berth.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create body (and the flag errors) of `berth create` against those of the real docker CLI 28
 * for the same flags: both talk to the same fake daemon, which records what they POST.
 */
class CreateBodyParityTest {
    static final String DOCKER = "/usr/local/bin/docker";
    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    static Path dir;
    static FakeDaemon daemon;

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(Path.of(DOCKER)), "the docker CLI 28 is needed at " + DOCKER + " to compare create bodies");
        daemon = new FakeDaemon(dir.resolve("d.sock"), "1.43", FakeDaemon.routes(Map.of(
                "POST /containers/create", r -> "!201{\"Id\":\"" + ID + "\",\"Warnings\":[]}")));
        Files.writeString(dir.resolve("env.list"), "# comment\nFROM_FILE=1\n\nPATH\nUNSET_IN_ENV_XYZ\n");
        Files.writeString(dir.resolve("labels.list"), "l1=from-file\nbare-label\n");
        Files.createDirectories(dir.resolve("cfg"));
    }

    @AfterAll
    static void stop() throws IOException {
        daemon.close();
    }

    record Run(int exit, String out, String err, JsonNode body, String query) {}

    private static Run docker(List<String> flags) throws Exception {
        int before = daemon.requests().size();
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", daemon.host(), "create"));
        cmd.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("DOCKER_HOST");
        pb.environment().put("DOCKER_CONFIG", dir.resolve("cfg").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return withBody(exit, out, err, before);
    }

    private static Run berth(List<String> flags) {
        int before = daemon.requests().size();
        List<String> args = new ArrayList<>(List.of("create"));
        args.addAll(flags);
        Cli.Result r = Cli.run(daemon.host(), "", args.toArray(new String[0]));
        return withBody(r.exit(), r.out(), r.err(), before);
    }

    private static Run withBody(int exit, String out, String err, int before) {
        List<FakeDaemon.Request> reqs = daemon.requests();
        for (int i = before; i < reqs.size(); i++) {
            FakeDaemon.Request r = reqs.get(i);
            if (r.method().equals("POST") && r.path().endsWith("/containers/create")) {
                try {
                    return new Run(exit, out, err, Json.mapper().readTree(r.body()), r.target().replaceFirst("^/v[0-9.]+", ""));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return new Run(exit, out, err, null, null);
    }

    /** Go iterates maps in random order: the CLI's -e and -v lists come out shuffled, so Env and Binds are compared sorted. */
    private static JsonNode normalise(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        sortStrings(copy, "Env");
        if (copy.get("HostConfig") instanceof ObjectNode host) sortStrings(host, "Binds");
        return copy;
    }

    private static void sortStrings(ObjectNode o, String field) {
        if (o.get(field) instanceof ArrayNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(v -> values.add(v.asText()));
            Collections.sort(values);
            ArrayNode sorted = o.putArray(field);
            values.forEach(sorted::add);
        }
    }

    private static void same(String... flags) throws Exception {
        List<String> f = List.of(flags);
        Run d = docker(f), b = berth(f);
        assertEquals(0, d.exit(), "docker failed: " + d.err());
        assertNotNull(d.body(), "docker sent no create");
        assertEquals(0, b.exit(), "berth failed: " + b.err());
        assertNotNull(b.body(), "berth sent no create");
        assertEquals(d.query(), b.query());
        assertEquals(normalise(d.body()), normalise(b.body()), "create bodies differ for " + f + "\ndocker: " + d.body() + "\nberth:  " + b.body());
        assertEquals(d.out(), b.out());
    }

    private static void sameError(String... flags) throws Exception {
        List<String> f = List.of(flags);
        Run d = docker(f), b = berth(f);
        assertEquals(d.exit(), b.exit(), "exit codes for " + f + "\ndocker: " + d.err() + "\nberth: " + b.err());
        assertEquals(d.err().replace("docker", "berth"), b.err(), "stderr for " + f);
        assertEquals(d.body() == null, b.body() == null, "whether a create was sent for " + f);
    }

    @Test
    void plainCommand() throws Exception {
        same("busybox", "echo", "hi");
        same("busybox");
    }

    @Test
    void interactiveTtyNamedAutoRemove() throws Exception {
        same("-i", "-t", "--rm", "--name", "n1", "busybox", "sh");
        same("-a", "stdout", "-a", "STDERR", "busybox", "true");
        same("-it=false", "--interactive", "busybox");
    }

    @Test
    void resourcesAndLimits() throws Exception {
        same("-m", "64m", "--memory-swap", "128m", "--memory-reservation", "32m", "--oom-kill-disable", "--cpu-shares", "512",
                "--cpus", "1.5", "--cpuset-cpus", "0", "--cpuset-mems", "0", "--cpu-period", "100000", "--cpu-quota", "50000",
                "--blkio-weight", "300", "--blkio-weight-device", "/dev/sda:200", "--device-read-bps", "/dev/sda:1mb",
                "--device-write-bps", "/dev/sda:2kb", "--device-read-iops", "/dev/sda:1000", "--device-write-iops", "/dev/sda:10",
                "--pids-limit", "100", "--ulimit", "nofile=100:200", "--ulimit", "nproc=5", "--ulimit", "core=-1",
                "--memory-swappiness", "50", "--oom-score-adj", "100", "--shm-size", "1g", "--kernel-memory", "10m",
                "--cpu-rt-period", "1000", "--cpu-rt-runtime", "500", "busybox");
        same("--pids-limit", "-1", "--memory-swap", "-1", "-m", "1.5g", "--cpus", "3/2", "busybox");
    }

    @Test
    void environmentLabelsAndFiles() throws Exception {
        same("-e", "X=1", "-e", "PATH", "-e", "X=2", "-e", "EMPTY=", "-e", "UNSET_IN_ENV_XYZ", "--env-file", dir.resolve("env.list").toString(),
                "-l", "a=b", "-l", "c", "--label-file", dir.resolve("labels.list").toString(), "-w", "/tmp", "-u", "1:2",
                "-h", "hh", "--domainname", "d.example", "--entrypoint", "/bin/sh", "--stop-signal", "SIGUSR1", "--stop-timeout", "5",
                "busybox", "-c", "true");
        same("--entrypoint", "", "--init", "--stop-timeout", "0", "busybox");
        same("--init=false", "busybox");
    }

    @Test
    void securityAndNamespaces() throws Exception {
        same("--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME", "--cap-add", "NET_ADMIN", "--cap-drop", "all", "--privileged",
                "--read-only", "--security-opt", "no-new-privileges", "--security-opt", "seccomp=unconfined",
                "--security-opt", "systempaths=unconfined", "--security-opt", "label:disable", "--sysctl", "net.core.somaxconn=1024",
                "--ipc", "shareable", "--pid", "host", "--uts", "host", "--userns", "host", "--cgroupns", "private",
                "--cgroup-parent", "p", "--runtime", "runc", "--isolation", "default", "--group-add", "10", "--group-add", "audio",
                "--device", "/dev/fuse", "--device", "/dev/null:/dev/n2:r", "--device", "/dev/zero:rw", "--device-cgroup-rule", "c 1:3 mr",
                "--annotation", "k=v", "busybox");
        same("--pid", "container:abc", "--ipc", "container:abc", "busybox");
    }

    @Test
    void storage() throws Exception {
        same("-v", "/tmp:/mnt:ro", "-v", "/data", "-v", "named:/named", "--tmpfs", "/run:rw,size=64m", "--tmpfs", "/t2",
                "--mount", "type=bind,src=/tmp,dst=/m2,readonly,bind-propagation=rslave",
                "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1777",
                "--mount", "type=volume,src=v1,dst=/v,volume-driver=local,volume-opt=o=x,volume-label=l=1,volume-nocopy",
                "--mount", "type=volume,dst=/anon", "--volumes-from", "c2:ro", "--volume-driver", "local",
                "--log-driver", "json-file", "--log-opt", "max-size=1m", "--log-opt", "max-file=2", "--storage-opt", "size=10G", "busybox");
    }

    @Test
    void networking() throws Exception {
        same("-p", "8080:80", "-p", "127.0.0.1:9000-9001:9000-9001/udp", "-p", "53", "--expose", "90", "--expose", "7000-7001/tcp",
                "-P", "--dns", "8.8.8.8", "--dns-search", "example.com", "--dns-option", "ndots:2", "--add-host", "h:1.2.3.4",
                "--add-host", "gw=host-gateway", "--link", "other:alias", "busybox");
        same("--network", "host", "busybox");
        same("--network", "mynet", "--network-alias", "a1", "--ip", "10.0.0.5", "--link", "db", "busybox");
        same("--network", "name=mynet,alias=x,ip=10.0.0.6,driver-opt=com.x=1", "busybox");
        same("--net", "none", "--restart", "on-failure:3", "busybox");
    }

    @Test
    void health() throws Exception {
        same("--health-cmd", "curl -f http://x/", "--health-interval", "5s", "--health-retries", "3", "--health-timeout", "1m30s",
                "--health-start-period", "2.5s", "busybox");
        same("--no-healthcheck", "busybox");
        same("--health-retries", "2", "busybox");
    }

    @Test
    void invalidValuesFailLikeDocker() throws Exception {
        sameError("-m", "1x", "busybox");
        sameError("-m", "abc", "busybox");
        sameError("--cpus", "abc", "busybox");
        sameError("--cpus", "0.0000000001", "busybox");
        sameError("--cpu-shares", "x", "busybox");
        sameError("--blkio-weight", "70000", "busybox");
        sameError("--ulimit", "foo", "busybox");
        sameError("--ulimit", "nofile=20:10", "busybox");
        sameError("--ulimit", "bogus=1", "busybox");
        sameError("--health-interval", "5x", "busybox");
        sameError("--health-interval", "5", "busybox");
        sameError("--rm=maybe", "busybox");
        sameError("-e", "=x", "busybox");
        sameError("-l", " =x", "busybox");
        sameError("--sysctl", "kernel.foo=1", "busybox");
        sameError("--device-read-bps", "sda:1", "busybox");
        sameError("--device-read-iops", "/dev/sda:x", "busybox");
        sameError("--blkio-weight-device", "/dev/sda:5", "busybox");
        sameError("--dns", "not-an-ip", "busybox");
        sameError("--add-host", "nohost", "busybox");
        sameError("--mount", "type=bind", "busybox");
        sameError("--mount", "type=tmpfs,dst=/x,tmpfs-size=1x", "busybox");
        sameError("--mount", "type=bind,src=/a,dst=/b,volume-nocopy", "busybox");
        sameError("-a", "stdfoo", "busybox");
        sameError("--memory-swappiness", "200", "busybox");
        sameError("--restart", "always", "--rm", "busybox");
        sameError("--restart", "on-failure:x", "busybox");
        sameError("--no-healthcheck", "--health-cmd", "x", "busybox");
        sameError("--device", "relative", "busybox");
        sameError("--security-opt", "foo", "busybox");
        sameError("-p", "99999:80", "busybox");
        sameError("-p", "80/foo", "busybox");
        sameError("--expose", "1:2", "busybox");
        sameError("--pid", "bogus", "busybox");
        sameError("--uts", "container:x", "busybox");
        sameError("--mac-address", "zz", "busybox");
        sameError("--mac-address", "92:d0:c6:0a:29:33", "busybox");
        sameError("--health-start-interval", "1s", "busybox");
        sameError("--env-file", "/nonexistent/env", "busybox");
        sameError("--pull", "sometimes", "busybox");
        sameError("--nosuchflag", "busybox");
        sameError("-Z", "busybox");
        sameError("--name");
        sameError();
    }
}
