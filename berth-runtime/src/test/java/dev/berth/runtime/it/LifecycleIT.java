package dev.berth.runtime.it;

import static dev.berth.runtime.it.Sandbox.await;
import static dev.berth.runtime.it.Sandbox.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.Container;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.ExecHandle;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import dev.berth.runtime.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The container lifecycle through the library (ContainerRuntime), on the real kernel. */
@Timeout(60)
class LifecycleIT {
    private Sandbox sb;
    private ContainerRuntime rt;

    @BeforeEach
    void setUp() {
        sb = Sandbox.create();
        rt = sb.runtime();
    }

    @AfterEach
    void tearDown() {
        sb.close();
    }

    private Path bundle(String id, String... args) {
        return sb.bundle(id, SpecEdit.busybox(null, args));
    }

    private Path log(String name) {
        return sb.root().resolve(name + ".log");
    }

    @Test
    void createDoesNotRunTheProgramUntilStartThenSigtermAndDelete() {
        String id = sb.id("life");
        Path bundle = bundle(id, "sh", "-c", "trap 'exit 143' TERM; touch /ran; sleep 1000 & wait");
        Path ran = Bundles.rootfs(bundle).resolve("ran");
        Container c = rt.create(id, bundle, IoOptions.nullIo());
        assertEquals(ContainerStatus.CREATED, c.status());
        assertEquals("created", rt.state(id).ociState().status());
        assertTrue(HostCounts.alive(c.pid()), "the init waits, alive");
        Sandbox.sleep(200);
        assertFalse(Files.exists(ran), "the program ran before start");

        rt.start(id);
        assertTrue(await(seconds(5), () -> Files.exists(ran)), "the program did not run after start");
        assertEquals(ContainerStatus.RUNNING, rt.state(id).status());
        assertThrows(BerthException.class, () -> rt.start(id), "a second start");

        rt.kill(id, 15, false);
        ExitStatus st = rt.waitExit(id, seconds(10));
        assertEquals(143, st.code());
        assertEquals(ContainerStatus.STOPPED, rt.state(id).status());
        rt.delete(id, false);
        assertFalse(Files.exists(sb.stateRoot().resolve(id)));
        assertEquals(List.of(), HostCounts.cgroupDirs(sb.cgroupParent() + "/" + id));
        BerthException e = assertThrows(BerthException.class, () -> rt.state(id));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void exitCodes() {
        for (int code : new int[] {0, 3}) {
            String id = sb.id("exit" + code);
            RunResult r = sb.runBerth(id, bundle(id, "sh", "-c", "exit " + code), seconds(10));
            assertEquals(code, r.code(), r.stderr());
        }
        // SIGKILL reaches a pid-namespace init from outside; the status is the signal's.
        String killed = sb.id("exit137");
        rt.create(killed, bundle(killed, "sleep", "1000"), IoOptions.nullIo());
        rt.start(killed);
        rt.kill(killed, 9, false);
        ExitStatus k = rt.waitExit(killed, seconds(10));
        assertEquals(new ExitStatus(137, 9, false), k);
        rt.delete(killed, false);
        // SIGTERM kills only a process that is not a pid-namespace init (which ignores signals it has no handler for).
        String termed = sb.id("exit143");
        Path b = sb.bundle(termed, SpecEdit.withoutNamespace(SpecEdit.busybox(null, "sleep", "1000"), "pid"));
        rt.create(termed, b, IoOptions.nullIo());
        rt.start(termed);
        rt.kill(termed, 15, false);
        assertEquals(new ExitStatus(143, 15, false), rt.waitExit(termed, seconds(10)));
        rt.delete(termed, false);
    }

    @Test
    void pauseFreezesTheContainerAndResumeThawsIt() throws IOException {
        String id = sb.id("pause");
        Path bundle = bundle(id, "sh", "-c", "i=0; while :; do i=$((i+1)); echo $i > /tmp/c.tmp; mv /tmp/c.tmp /tmp/counter; done");
        Path counter = Bundles.rootfs(bundle).resolve("tmp/counter");
        rt.create(id, bundle, IoOptions.nullIo());
        rt.start(id);
        assertTrue(await(seconds(5), () -> read(counter) > 0));
        rt.pause(id);
        assertEquals(ContainerStatus.PAUSED, rt.state(id).status());
        assertEquals("FROZEN", Files.readString(sb.cgroupDir("freezer", sb.cgroupsPath(id)).resolve("freezer.state")).strip());
        long a = read(counter);
        Sandbox.sleep(400);
        long b = read(counter);
        assertEquals(a, b, "the counter advanced while paused");
        BerthException e = assertThrows(BerthException.class, () -> rt.exec(id, sh("true"), IoOptions.nullIo(), "x"));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        rt.resume(id);
        assertEquals(ContainerStatus.RUNNING, rt.state(id).status());
        assertTrue(await(seconds(5), () -> read(counter) > b + 10), "the counter did not advance after resume");
        rt.delete(id, true);
    }

    private static long read(Path counter) {
        try {
            String s = Files.readString(counter).strip();
            return s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void updateChangesTheMemoryLimitAndPsListsThePids() throws IOException {
        String id = sb.id("upd");
        Spec spec = SpecEdit.resources(SpecEdit.busybox(null, "sh", "-c", "sleep 1000 & sleep 1000 & wait"),
                SpecEdit.limits(null, 256L << 20, null, null));
        Path bundle = sb.bundle(id, spec);
        Container c = rt.create(id, bundle, IoOptions.nullIo());
        rt.start(id);
        Path limit = sb.cgroupDir("memory", sb.cgroupsPath(id)).resolve("memory.limit_in_bytes");
        assertEquals(256L << 20, Long.parseLong(Files.readString(limit).strip()));
        rt.update(id, SpecEdit.limits(null, 128L << 20, null, null));
        assertEquals(128L << 20, Long.parseLong(Files.readString(limit).strip()));
        assertEquals(128L << 20, rt.spec(id).linux().resources().memory().limit(), "the spec in force records the update");

        assertTrue(await(seconds(5), () -> rt.ps(id).size() == 3), "ps: " + rt.ps(id));
        List<Integer> pids = rt.ps(id);
        assertTrue(pids.contains(c.pid()), pids + " lacks the init " + c.pid());
        for (int pid : pids) assertTrue(HostCounts.alive(pid));
        rt.kill(id, 9, false);
        rt.waitExit(id, seconds(10));
        rt.delete(id, false);
    }

    private static Spec.Process sh(String script) {
        return new Spec.Process(false, null, new Spec.User(0, 0, null, null, null), List.of("sh", "-c", script),
                List.of("PATH=/usr/bin:/bin"), "/", null, null, false, null, null, null);
    }

    @Test
    void execSeesTheContainersNamespacesCwdEnvAndUser() throws IOException {
        String id = sb.id("exec");
        rt.create(id, bundle(id, "sleep", "1000"), IoOptions.nullIo());
        rt.start(id);
        Path out = log("exec");
        Spec.Process p = new Spec.Process(false, null, new Spec.User(65534, 65534, null, null, null),
                List.of("sh", "-c", "echo $$; hostname; cat /proc/1/cmdline; echo; pwd; echo $FOO; id -u; id -g; exit 7"),
                List.of("PATH=/usr/bin:/bin", "FOO=bar-baz"), "/tmp", null, null, false, null, null, null);
        ExecHandle h = rt.exec(id, p, IoOptions.log(out, false, false), "e1");
        ExitStatus st = rt.waitExec(h, seconds(10));
        assertEquals(7, st.code());
        List<String> lines = JsonLog.stream(out, "stdout").lines().toList();
        assertEquals(7, lines.size(), lines.toString());
        int pidInside = Integer.parseInt(lines.get(0));
        assertTrue(pidInside > 1 && pidInside < 100, "exec's pid in the container's pid namespace: " + pidInside);
        assertNotEquals(h.pid(), pidInside, "the host pid differs from the namespaced one");
        assertEquals("berth", lines.get(1));
        assertEquals("sleep\u00001000\u0000", lines.get(2));
        assertEquals("/tmp", lines.get(3));
        assertEquals("bar-baz", lines.get(4));
        assertEquals("65534", lines.get(5));
        assertEquals("65534", lines.get(6));
        rt.removeExec(h);

        BerthException e = assertThrows(BerthException.class,
                () -> rt.exec(id, SpecEdit.args(p, List.of("no-such-command")), IoOptions.nullIo(), "e2"));
        assertEquals(BerthException.Kind.COMMAND_NOT_FOUND, e.kind());
        rt.delete(id, true);
    }

    @Test
    void killAllReachesEveryProcess() {
        String id = sb.id("killall");
        // a child that ignores nothing and an init that would survive a signal to it alone
        rt.create(id, bundle(id, "sh", "-c", "trap '' TERM; sleep 1000 & sleep 1000 & wait; wait; wait"), IoOptions.nullIo());
        rt.start(id);
        assertTrue(await(seconds(5), () -> rt.ps(id).size() == 3));
        List<Integer> pids = rt.ps(id);
        rt.kill(id, 9, true);
        assertEquals(137, rt.waitExit(id, seconds(10)).code());
        assertTrue(await(seconds(5), () -> pids.stream().noneMatch(HostCounts::alive)), "survivors of kill --all");
        rt.delete(id, false);
    }

    @Test
    void forceDeleteOfARunningContainer() {
        String id = sb.id("force");
        Container c = rt.create(id, bundle(id, "sleep", "1000"), IoOptions.nullIo());
        rt.start(id);
        int monitor = new StateDir(sb.stateRoot().resolve(id)).record().monitorPid();
        BerthException e = assertThrows(BerthException.class, () -> rt.delete(id, false));
        assertEquals(BerthException.Kind.CONFLICT, e.kind());
        rt.delete(id, true);
        assertFalse(HostCounts.alive(c.pid()));
        assertFalse(HostCounts.alive(monitor));
        assertFalse(Files.exists(sb.stateRoot().resolve(id)));
        assertEquals(List.of(), HostCounts.cgroupDirs(sb.cgroupParent() + "/" + id));
    }

    @Test
    void aRestartedRuntimeFindsTheRunningContainerAndItsMonitorIsSmallAndNotOurChild() {
        String id = sb.id("restart");
        Container c = rt.create(id, bundle(id, "sh", "-c", "echo hello; sleep 1000"), IoOptions.log(log("restart"), false, false));
        rt.start(id);
        int monitor = new StateDir(sb.stateRoot().resolve(id)).record().monitorPid();
        assertTrue(HostCounts.alive(monitor));
        assertTrue(ProcessHandle.current().children().noneMatch(p -> p.pid() == monitor), "the monitor is a child of the JVM");
        assertNotEquals(ProcessHandle.current().pid(), HostCounts.statusField(monitor, "PPid"));
        assertTrue(await(seconds(5), () -> JsonLog.stream(log("restart"), "stdout").equals("hello\n")));
        long rssKb = HostCounts.statusField(monitor, "VmRSS");
        System.out.printf("FIGURE monitor VmRSS: %d kB (anon %d, shmem: its text in the sealed memfd %d; pid %d)%n", rssKb,
                HostCounts.statusField(monitor, "RssAnon"), HostCounts.statusField(monitor, "RssShmem"), monitor);
        assertTrue(rssKb > 0 && rssKb <= 1024, "monitor RSS " + rssKb + " kB > 1 MB");

        ContainerRuntime again = sb.restartedRuntime();
        assertEquals(ContainerStatus.RUNNING, again.state(id).status());
        assertEquals(c.pid(), again.state(id).pid());
        assertTrue(again.list().stream().anyMatch(x -> x.id().equals(id) && x.status() == ContainerStatus.RUNNING));
        again.kill(id, 9, false);
        assertEquals(137, again.waitExit(id, seconds(10)).code());
        assertEquals(ContainerStatus.STOPPED, again.state(id).status());
        assertFalse(HostCounts.alive(monitor), "the monitor outlived its container");
        again.delete(id, false);
        assertTrue(again.list().isEmpty());
    }

    @Test
    void waitExitTimesOutOnARunningContainer() {
        String id = sb.id("wait");
        rt.create(id, bundle(id, "sleep", "1000"), IoOptions.nullIo());
        rt.start(id);
        long t0 = System.nanoTime();
        assertNull(rt.waitExit(id, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - t0 >= 250_000_000L);
        rt.delete(id, true);
    }

    @Test
    void terminalsComeFromTheContainersDevpts() {
        // the init's terminal held by the monitor (no console socket): output in the json log
        String id = sb.id("tty");
        Spec spec = SpecEdit.terminal(SpecEdit.busybox(null, "sh", "-c", "tty; stty size; sleep 1000"), true, new Spec.ConsoleSize(24, 81));
        Path log = log("tty");
        rt.create(id, sb.bundle(id, spec), IoOptions.log(log, false, false));
        rt.start(id);
        assertTrue(await(seconds(5), () -> JsonLog.stream(log, "stdout").equals("/dev/pts/0\r\n24 81\r\n")), JsonLog.stream(log, "stdout"));
        // an exec with a terminal of its own, through a console socket
        Path sock = sb.root().resolve("exec.sock");
        try (ConsoleReceiver c = ConsoleReceiver.listen(sock)) {
            Spec.Process p = SpecEdit.args(SpecEdit.terminal(rt.spec(id).process(), true), List.of("sh", "-c", "tty; exit 4"));
            ExecHandle h = rt.exec(id, p, IoOptions.nullIo().withConsoleSocket(sock), "t1");
            assertEquals(4, rt.waitExec(h, seconds(10)).code());
            assertEquals("/dev/pts/1\r\n", c.output(seconds(10)));
        }
        rt.delete(id, true);
    }
}
