package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container lifecycle through the real docker CLIs (28 and Debian's 20.10) against berthd. */
class ContainersIT {
    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    @Test
    void runRemoveEchoesAndExitsWithTheStatus() throws Exception {
        for (String client : DockerCli.clients()) {
            DockerCli docker = d.docker(client);
            DockerCli.Result r = docker.run("run", "--rm", "busybox", "echo", "hello");
            assertEquals(0, r.exit(), client + ": " + r.err());
            assertEquals("hello\n", r.out(), client);
            DockerCli.Result three = docker.run("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
            assertEquals(3, three.exit(), client + ": " + three.err());
            assertEquals("out\n", three.out());
            assertTrue(three.err().contains("err"), three.err());
        }
        assertEquals("", d.docker().run("ps", "-aq").out(), "--rm left containers behind");
    }

    @Test
    void stdinIsPipedThrough() throws Exception {
        DockerCli.Result r = d.docker().runWithInput("line1\nline2\n", "run", "--rm", "-i", "busybox", "wc", "-l");
        assertEquals(0, r.exit(), r.err());
        assertEquals("2", r.out().strip());
    }

    @Test
    void detachedLogsPsStopRm() throws Exception {
        DockerCli docker = d.docker();
        DockerCli.Result run = docker.run("run", "-d", "--name", "loop", "busybox", "sh", "-c", "echo started; while true; do sleep 1; done");
        assertEquals(0, run.exit(), run.err());
        String id = run.out().strip();
        assertEquals(64, id.length(), run.out());
        assertTrue(docker.run("ps", "--format", "{{.Names}} {{.Status}}").out().contains("loop Up"));
        DockerCli.Result pid = docker.run("inspect", "--format", "{{.State.Pid}} {{.State.Running}} {{.Name}}", "loop");
        assertTrue(pid.out().strip().matches("[1-9][0-9]* true /loop"), pid.out());
        assertEquals("started\n", docker.run("logs", "loop").out());
        DockerCli.Result ex = docker.run("exec", "loop", "sh", "-c", "echo in $(hostname); exit 4");
        assertEquals(4, ex.exit(), ex.err());
        assertEquals("in " + id.substring(0, 12) + "\n", ex.out());
        DockerCli.Result conflict = docker.run("run", "--name", "loop", "busybox", "true");
        assertEquals(125, conflict.exit());
        assertTrue(conflict.err().contains("is already in use by container"), conflict.err());
        DockerCli.Result rmRunning = docker.run("rm", "loop");
        assertTrue(rmRunning.exit() != 0 && rmRunning.err().contains("You cannot remove a running container"), rmRunning.err());
        assertEquals(0, docker.run("stop", "-t", "1", "loop").exit());
        assertEquals("exited 137", docker.run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "loop").out().strip());
        assertEquals(0, docker.run("rm", "loop").exit());
        DockerCli.Result gone = docker.run("inspect", "loop");
        assertTrue(gone.exit() != 0, gone.out());
    }

    @Test
    void exitCodesOfFailedStarts() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(127, docker.run("run", "--rm", "busybox", "nosuchcmd").exit());
        assertEquals(126, docker.run("run", "--rm", "busybox", "/etc").exit());
        DockerCli.Result noImage = docker.run("run", "--rm", "nosuchimage");
        assertEquals(125, noImage.exit());
        DockerCli.Result badMem = docker.run("run", "--rm", "-m", "1x", "busybox", "true");
        assertEquals(125, badMem.exit());
        DockerCli.Result badRestart = docker.run("run", "--restart", "sometimes", "busybox", "true");
        assertEquals(125, badRestart.exit());
    }

    @Test
    void limitsReachTheContainer() throws Exception {
        DockerCli.Result r = d.docker().run("run", "--rm", "-m", "64m", "--pids-limit", "50", "-u", "nobody", "-w", "/tmp",
                "-e", "A=1", "-h", "box", "busybox", "sh", "-c", "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max; id -u; pwd; echo $A; hostname");
        assertEquals(0, r.exit(), r.err());
        assertEquals("67108864\n50\n65534\n/tmp\n1\nbox\n", r.out());
    }

    @Test
    void pauseRenameTopRestartPolicy() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "-d", "--name", "p1", "busybox", "sleep", "300").exit());
        assertEquals(0, docker.run("pause", "p1").exit());
        assertEquals("paused", docker.run("inspect", "-f", "{{.State.Status}}", "p1").out().strip());
        assertEquals(0, docker.run("unpause", "p1").exit());
        assertEquals(0, docker.run("rename", "p1", "p2").exit());
        DockerCli.Result top = docker.run("top", "p2");
        assertEquals(0, top.exit(), top.err());
        assertTrue(top.out().contains("sleep 300"), top.out());
        assertEquals(0, docker.run("rm", "-f", "p2").exit());
        assertEquals(0, docker.run("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3").exit());
        String count = "";
        for (int i = 0; i < 100; i++) {
            count = docker.run("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "flaky").out().strip();
            if (count.equals("2 exited")) break;
            Thread.sleep(100);
        }
        assertEquals("2 exited", count);
        assertEquals(0, docker.run("rm", "flaky").exit());
    }

    @Test
    void commitDiffSaveLoadRoundTrip() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "--name", "src", "busybox", "sh", "-c", "rm /bin/vi; echo data > /root/f").exit());
        String diff = docker.run("diff", "src").out();
        assertTrue(diff.contains("D /bin/vi") && diff.contains("A /root/f"), diff);
        DockerCli.Result commit = docker.run("commit", "-c", "ENV X=1", "src", "derived:v1");
        assertEquals(0, commit.exit(), commit.err());
        assertEquals("1 data", docker.run("run", "--rm", "derived:v1", "sh", "-c", "echo $X $(cat /root/f); ls /bin/vi").out().strip());
        java.nio.file.Path tar = d.dir.resolve("derived.tar");
        assertEquals(0, docker.run("save", "-o", tar.toString(), "derived:v1").exit());
        assertEquals(0, docker.run("rm", "src").exit());
        assertEquals(0, docker.run("rmi", "derived:v1").exit());
        assertTrue(docker.run("image", "inspect", "derived:v1").exit() != 0);
        DockerCli.Result load = docker.run("load", "-i", tar.toString());
        assertTrue(load.out().contains("Loaded image: derived:v1"), load.out() + load.err());
        assertEquals("data", docker.run("run", "--rm", "derived:v1", "cat", "/root/f").out().strip());
        assertEquals(0, docker.run("rmi", "derived:v1").exit());
    }

    @Test
    void logsTailTimestampsAndFollow() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "--name", "lg", "busybox", "sh", "-c", "for i in 1 2 3 4; do echo line$i; done; echo oops >&2").exit());
        assertEquals("line3\nline4\n", docker.run("logs", "--tail", "3", "lg").out());
        assertTrue(docker.run("logs", "--tail", "3", "lg").err().contains("oops"));
        assertTrue(docker.run("logs", "-t", "lg").out().matches("(?s)\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z line1\n.*"));
        assertEquals(0, docker.run("rm", "lg").exit());
        assertEquals(0, docker.run("run", "-d", "--name", "lf", "busybox", "sh", "-c", "echo a; sleep 1; echo b").exit());
        DockerCli.Result f = docker.run("logs", "-f", "lf");
        assertEquals("a\nb\n", f.out());
        assertEquals(0, docker.run("rm", "lf").exit());
    }

    @Test
    void parallelRunsLeaveNothingBehind() throws Exception {
        java.util.List<Thread> ts = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 20; i++) {
            ts.add(Thread.ofVirtual().start(() -> {
                try {
                    if (d.docker().run("run", "--rm", "busybox", "true").exit() == 0) ok.incrementAndGet();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : ts) t.join();
        assertEquals(20, ok.get());
        assertEquals("", d.docker().run("ps", "-aq").out());
        long mounts = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(d.dir.toString() + "/data/containers")).count();
        assertEquals(0, mounts, "container rootfs mounts left");
        for (String h : new String[] {"memory", "pids"}) {
            java.nio.file.Path parent = java.nio.file.Path.of("/sys/fs/cgroup", h, d.cgroupParent);
            if (java.nio.file.Files.isDirectory(parent))
                try (var st = java.nio.file.Files.list(parent)) {
                    assertEquals(0, st.filter(java.nio.file.Files::isDirectory).count(), "cgroups left in " + parent);
                }
        }
    }
}
