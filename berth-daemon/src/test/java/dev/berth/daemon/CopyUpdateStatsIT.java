package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker cp (both ways, running and stopped, symlink escapes), docker update and docker stats through the real CLIs. */
class CopyUpdateStatsIT {
    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    private static DockerCli.Result ok(DockerCli docker, String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        assertEquals(0, r.exit(), "docker " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    private static String runDetached(DockerCli docker, String name, String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "-d", "--name", name));
        args.addAll(java.util.List.of(extra));
        args.addAll(java.util.List.of("busybox", "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"));
        return ok(docker, args.toArray(String[]::new)).out().strip();
    }

    @Test
    void copiesFilesAndDirectoriesInAndOutWithTheirModes(@TempDir Path tmp) throws Exception {
        for (String client : DockerCli.clients()) {
            DockerCli docker = d.docker(client);
            String name = "cp-" + UUID.randomUUID().toString().substring(0, 8);
            runDetached(docker, name);
            try {
                Path file = tmp.resolve(name + ".txt");
                Files.writeString(file, "hello from the host\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
                Path dir = tmp.resolve(name + "-dir");
                Files.createDirectories(dir.resolve("sub"));
                Files.writeString(dir.resolve("sub/x.sh"), "#!/bin/sh\necho x\n");
                Files.setPosixFilePermissions(dir.resolve("sub/x.sh"), PosixFilePermissions.fromString("rwxr-x---"));

                Files.setAttribute(file, "unix:uid", 1234);
                Files.setAttribute(file, "unix:gid", 1234);
                ok(docker, "cp", file.toString(), name + ":/tmp/");
                ok(docker, "cp", "-a", file.toString(), name + ":/tmp/archived.txt");
                assertEquals("1234:1234", ok(docker, "exec", name, "stat", "-c", "%u:%g", "/tmp/archived.txt").out().strip(), client);
                ok(docker, "cp", dir.toString(), name + ":/tmp/tree");
                assertEquals("hello from the host", ok(docker, "exec", name, "cat", "/tmp/" + name + ".txt").out().strip());
                assertEquals("640 0:0", ok(docker, "exec", name, "stat", "-c", "%a %u:%g", "/tmp/" + name + ".txt").out().strip());
                assertEquals("x", ok(docker, "exec", name, "/tmp/tree/sub/x.sh").out().strip());
                assertEquals("750", ok(docker, "exec", name, "stat", "-c", "%a", "/tmp/tree/sub/x.sh").out().strip());

                ok(docker, "exec", name, "sh", "-c", "mkdir -p /tmp/out/deep && echo inner > /tmp/out/deep/f && chmod 604 /tmp/out/deep/f && echo top > /tmp/out/t");
                Path back = tmp.resolve(name + "-back");
                ok(docker, "cp", name + ":/tmp/out", back.toString());
                assertEquals("inner\n", Files.readString(back.resolve("deep/f")));
                assertEquals("top\n", Files.readString(back.resolve("t")));
                assertEquals("rw----r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("deep/f"))));
                ok(docker, "exec", name, "mkdir", "/tmp/clash");
                Path clash = Files.createDirectories(tmp.resolve(name + "-clash")).resolve("clash");
                Files.writeString(clash, "not a dir");
                DockerCli.Result refused = docker.run("cp", clash.toString(), name + ":/tmp/");
                assertEquals(1, refused.exit(), client + ": " + refused.err());
                assertTrue(refused.err().contains("cannot overwrite directory \"/tmp/clash\" with non-directory \"clash\""), refused.err());
                assertEquals("directory", ok(docker, "exec", name, "stat", "-c", "%F", "/tmp/clash").out().strip());
                Path single = tmp.resolve(name + "-single.txt");
                ok(docker, "cp", name + ":/tmp/" + name + ".txt", single.toString());
                assertEquals("hello from the host\n", Files.readString(single));
            } finally {
                docker.run("rm", "-f", name);
            }
        }
    }

    @Test
    void copiesIntoAndOutOfAStoppedContainer(@TempDir Path tmp) throws Exception {
        DockerCli docker = d.docker();
        ok(docker, "create", "--name", "cp-stopped", "busybox", "cat", "/tmp/in.txt");
        try {
            Path file = tmp.resolve("in.txt");
            Files.writeString(file, "copied while created\n");
            ok(docker, "cp", file.toString(), "cp-stopped:/tmp/in.txt");
            DockerCli.Result started = ok(docker, "start", "-a", "cp-stopped");
            assertEquals("copied while created\n", started.out());
            // Now exited: copy out of it, through the same temporary mount.
            Path out = tmp.resolve("out.txt");
            ok(docker, "cp", "cp-stopped:/tmp/in.txt", out.toString());
            assertEquals("copied while created\n", Files.readString(out));
            Path scratch = d.dir.resolve("exec/archive");
            // The CLI is done once it has the tar; the daemon unmounts right after: allow it a moment.
            java.util.List<String> left = java.util.List.of();
            for (int i = 0; i < 50; i++) {
                try (var s = Files.list(scratch)) {
                    left = s.map(Path::toString).toList();
                }
                if (left.isEmpty()) break;
                Thread.sleep(100);
            }
            assertEquals(java.util.List.of(), left, "temporary rootfs mounts left behind");
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(scratch.toString()), "a temporary rootfs is still mounted");
        } finally {
            docker.run("rm", "-f", "cp-stopped");
        }
    }

    @Test
    void missingPathsFail(@TempDir Path tmp) throws Exception {
        for (String client : DockerCli.clients()) {
            DockerCli docker = d.docker(client);
            runDetached(docker, "cp-missing");
            try {
                DockerCli.Result r = docker.run("cp", "cp-missing:/no/such/file", tmp.resolve("x").toString());
                assertEquals(1, r.exit(), client + ": " + r.out() + r.err());
                // A HEAD answer has no body: CLI 20.10 (which stats first) prints its own message for the 404.
                assertTrue(r.err().contains("Could not find the file /no/such/file in container cp-missing")
                        || r.err().contains("No such container:path: cp-missing:/no/such/file"), client + ": " + r.err());
                Path file = tmp.resolve("f");
                Files.writeString(file, "x");
                DockerCli.Result in = docker.run("cp", file.toString(), "cp-missing:/no/such/dir/");
                assertEquals(1, in.exit(), client + ": " + in.err());
                assertFalse(Files.exists(tmp.resolve("x")));
            } finally {
                docker.run("rm", "-f", "cp-missing");
            }
        }
    }

    @Test
    void symlinksInTheContainerCannotReachTheHost(@TempDir Path tmp) throws Exception {
        String hostPasswd = Files.readString(Path.of("/etc/passwd"));
        for (String client : DockerCli.clients()) {
            DockerCli docker = d.docker(client);
            runDetached(docker, "cp-evil");
            try {
                ok(docker, "exec", "cp-evil", "sh", "-c",
                        "echo 'container-only:x:4242:4242::/:/bin/false' >> /etc/passwd && ln -s /etc /tmp/evil && ln -s / /tmp/root"
                                + " && ln -s ../../../../../../../etc /tmp/rel");
                String containerPasswd = ok(docker, "exec", "cp-evil", "cat", "/etc/passwd").out();
                assertNotEquals(hostPasswd, containerPasswd);
                for (String path : new String[] {"/tmp/evil/passwd", "/tmp/root/etc/passwd", "/tmp/rel/passwd"}) {
                    DockerCli.Result r = ok(docker, "cp", "cp-evil:" + path, "-");
                    assertTrue(r.out().contains(containerPasswd), client + " " + path + " gave: " + r.out());
                    assertFalse(r.out().contains(hostPasswd), client + " " + path + " gave the host's passwd");
                }
                for (String dest : new String[] {"/tmp/evil/", "/tmp/evil", "/tmp/rel/", "/tmp/root/etc/"}) {
                    String name = "berth-cp-escape-" + UUID.randomUUID().toString().substring(0, 8);
                    Path file = tmp.resolve(name);
                    Files.writeString(file, "inside\n");
                    ok(docker, "cp", file.toString(), "cp-evil:" + dest);
                    assertFalse(Files.exists(Path.of("/etc", name)), client + ": docker cp to " + dest + " wrote the host's /etc");
                    assertEquals("inside", ok(docker, "exec", "cp-evil", "cat", "/etc/" + name).out().strip(), client + " " + dest);
                }
                assertEquals(hostPasswd, Files.readString(Path.of("/etc/passwd")));
            } finally {
                docker.run("rm", "-f", "cp-evil");
            }
        }
    }

    private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    private static final String MEMORY_MAX = V2 ? "/sys/fs/cgroup/memory.max" : "/sys/fs/cgroup/memory/memory.limit_in_bytes";
    private static final String PIDS_MAX = V2 ? "/sys/fs/cgroup/pids.max" : "/sys/fs/cgroup/pids/pids.max";

    private static String cpuMax(DockerCli docker, String name) throws Exception {
        if (V2) return ok(docker, "exec", name, "cat", "/sys/fs/cgroup/cpu.max").out().strip();
        return ok(docker, "exec", name, "sh", "-c", "echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)").out().strip();
    }

    @Test
    void updateChangesTheLiveCgroupAndTheRecord() throws Exception {
        DockerCli docker = d.docker();
        runDetached(docker, "upd");
        try {
            ok(docker, "update", "-m", "64m", "--pids-limit", "50", "upd");
            assertEquals("67108864", ok(docker, "exec", "upd", "cat", MEMORY_MAX).out().strip());
            assertEquals("50", ok(docker, "exec", "upd", "cat", PIDS_MAX).out().strip());
            assertEquals("67108864 50", ok(docker, "inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}", "upd").out().strip());
            ok(docker, "update", "--pids-limit", "-1", "--cpus", "0.5", "upd");
            assertEquals("max", ok(docker, "exec", "upd", "cat", PIDS_MAX).out().strip());
            assertEquals("50000 100000", cpuMax(docker, "upd"));
            assertEquals("67108864", ok(docker, "exec", "upd", "cat", MEMORY_MAX).out().strip(), "an unrelated update reset the memory limit");

            DockerCli.Result small = docker.run("update", "-m", "4m", "upd");
            assertEquals(1, small.exit(), small.err());
            assertTrue(small.err().contains("Minimum memory limit allowed is 6MB"), small.err());
            DockerCli.Result missing = docker.run("update", "-m", "64m", "no-such-container");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("No such container: no-such-container"), missing.err());
        } finally {
            docker.run("rm", "-f", "upd");
        }
    }

    @Test
    void updateOfAStoppedContainerAppliesAtItsStart() throws Exception {
        DockerCli docker = d.docker();
        ok(docker, "create", "--name", "upd-created", "busybox", "cat", MEMORY_MAX, PIDS_MAX);
        try {
            ok(docker, "update", "-m", "32m", "--pids-limit", "7", "upd-created");
            assertEquals("33554432\n7\n", ok(docker, "start", "-a", "upd-created").out());
        } finally {
            docker.run("rm", "-f", "upd-created");
        }
    }

    @Test
    void updateRestartPolicyRestartsTheContainer() throws Exception {
        DockerCli docker = d.docker();
        ok(docker, "run", "-d", "--name", "upd-restart", "busybox", "sh", "-c", "while [ ! -f /tmp/stop ]; do sleep 0.2; done; exit 3");
        try {
            ok(docker, "update", "--restart", "always", "upd-restart");
            assertEquals("always", ok(docker, "inspect", "--format", "{{.HostConfig.RestartPolicy.Name}}", "upd-restart").out().strip());
            ok(docker, "exec", "upd-restart", "touch", "/tmp/stop");
            String count = "0";
            for (int i = 0; i < 50 && count.equals("0"); i++) {
                Thread.sleep(200);
                count = ok(docker, "inspect", "--format", "{{.RestartCount}}", "upd-restart").out().strip();
            }
            assertNotEquals("0", count, "the updated restart policy did not restart the container");
            DockerCli.Result bad = docker.run("update", "--restart", "sometimes", "upd-restart");
            assertNotEquals(0, bad.exit());
        } finally {
            docker.run("rm", "-f", "upd-restart");
        }
    }

    @Test
    void statsStreamsOneObjectPerSecondWithThePreviousSample() throws Exception {
        DockerCli docker = d.docker();
        String id = runDetached(docker, "st-stream");
        try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(d.dir.resolve("s.sock")))) {
            ch.write(java.nio.ByteBuffer.wrap(("GET /v1.41/containers/st-stream/stats?stream=1 HTTP/1.1\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(65536);
            long end = System.nanoTime() + 2_700_000_000L;
            ch.configureBlocking(false);
            while (System.nanoTime() < end) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) break;
                if (n == 0) {
                    Thread.sleep(20);
                    continue;
                }
                got.write(buf.array(), 0, n);
            }
            String text = got.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            assertTrue(text.contains("Transfer-Encoding: chunked"), text);
            java.util.List<com.fasterxml.jackson.databind.JsonNode> objects = new java.util.ArrayList<>();
            for (String line : text.split("\r\n"))
                if (line.startsWith("{")) objects.add(dev.berth.common.Json.mapper().readTree(line));
            assertTrue(objects.size() >= 2 && objects.size() <= 4, "expected one object a second, got " + objects.size() + ": " + text);
            var second = objects.get(1);
            assertEquals(id, second.get("id").asText());
            assertEquals("/st-stream", second.get("name").asText());
            assertEquals(objects.get(0).get("read").asText(), second.get("preread").asText());
            assertTrue(second.at("/precpu_stats/system_cpu_usage").asLong() > 0, second.toString());
            assertTrue(second.at("/cpu_stats/system_cpu_usage").asLong() > second.at("/precpu_stats/system_cpu_usage").asLong(), second.toString());
            assertTrue(second.at("/memory_stats/usage").asLong() > 0, second.toString());
            assertTrue(second.at("/pids_stats/current").asLong() >= 1, second.toString());
        } finally {
            docker.run("rm", "-f", "st-stream");
        }
    }

    @Test
    void statsShowsMemoryOfRunningAndZerosOfStopped() throws Exception {
        for (String client : DockerCli.clients()) {
            DockerCli docker = d.docker(client);
            runDetached(docker, "st", "-m", "100m");
            ok(docker, "create", "--name", "st-stopped", "busybox", "true");
            try {
                DockerCli.Result table = ok(docker, "stats", "--no-stream", "st");
                assertTrue(table.out().startsWith("CONTAINER ID"), table.out());
                assertTrue(table.out().contains(" st "), table.out());
                String row = ok(docker, "stats", "--no-stream", "--format", "{{.Name}}|{{.MemUsage}}|{{.PIDs}}", "st").out().strip();
                String[] f = row.split("\\|");
                assertEquals("st", f[0], row);
                assertTrue(f[1].matches("[0-9.]+[KMG]iB / 100MiB"), client + ": " + row);
                assertFalse(f[1].startsWith("0B"), row);
                assertTrue(Integer.parseInt(f[2]) >= 1, row);
                String stopped = ok(docker, "stats", "--no-stream", "--format", "{{.Name}}|{{.MemUsage}}|{{.PIDs}}", "st-stopped").out().strip();
                assertEquals("st-stopped|0B / 0B|0", stopped, client);
            } finally {
                docker.run("rm", "-f", "st", "st-stopped");
            }
        }
    }
}
