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
}
