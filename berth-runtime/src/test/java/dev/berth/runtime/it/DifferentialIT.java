package dev.berth.runtime.it;

import static dev.berth.runtime.it.Sandbox.await;
import static dev.berth.runtime.it.Sandbox.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExecHandle;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same config.json run by runc 1.1 and by Berth (the library, output through its json log): what the container
 * sees must match, but for the differences listed (and explained) in {@link #ALLOWED_MOUNT_DIFFERENCES}.
 */
@Timeout(120)
class DifferentialIT {
    /** Prints one "== name" section per observation; must work on a read-only root. */
    static final String OBSERVE = String.join("\n",
            "echo '== pid'; echo $$",
            "echo '== hostname'; hostname",
            "echo '== id'; id",
            "echo '== status'; grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs)' /proc/self/status",
            "echo '== mounts'; cat /proc/self/mountinfo",
            "echo '== dev'; ls -A /dev",
            "echo '== ulimit'; ulimit -a",
            "echo '== env'; env | sort",
            "echo '== cwd'; pwd",
            "echo '== fds'; ls /proc/self/fd | tr '\\n' ' '; echo",
            "echo '== masked'",
            "for f in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug /proc/acpi /proc/scsi /sys/firmware; do",
            "  if [ -d $f ]; then echo \"$f dir $(ls -A $f | wc -l)\"",
            "  elif [ -e $f ]; then echo \"$f file $(cat $f 2>/dev/null | wc -c)\"",
            "  else echo \"$f absent\"; fi",
            "done",
            "echo '== readonly'",
            "for f in /proc/sys/kernel/domainname /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmax; do",
            "  if (cat $f > $f) 2>/dev/null; then echo \"$f written\"; else echo \"$f refused\"; fi",
            "done",
            "if (echo x > /dev/shm/probe) 2>/dev/null; then echo '/dev/shm written'; else echo '/dev/shm refused'; fi",
            "echo '== end'",
            "");

    /**
     * Mount entries ("MOUNTPOINT ro|rw FSTYPE") seen under one runtime only, and why:
     * <ul>
     *   <li>/sys/fs/cgroup: runc 1.1.5 leaves the tmpfs holding the cgroup v1 hierarchies read-write although the
     *       spec's cgroup mount says "ro" (only the hierarchies' binds are read-only); Berth remounts it read-only as
     *       the option asks (and as Docker's users see it on newer runc).</li>
     * </ul>
     * The masked files are binds of /dev/null in both (the container's own, a tmpfs node) and so compare equal.
     */
    static final Set<String> ALLOWED_ONLY_RUNC = Set.of("/sys/fs/cgroup rw tmpfs");
    static final Set<String> ALLOWED_ONLY_BERTH = Set.of("/sys/fs/cgroup ro tmpfs");

    private Sandbox sb;

    @BeforeEach
    void setUp() {
        sb = Sandbox.create();
    }

    @AfterEach
    void tearDown() {
        sb.close();
    }

    private record Pair(RunResult runc, RunResult berth) {}

    /** Runs spec (made for a cgroupsPath) under both runtimes, each in a bundle and cgroup of its own. */
    private Pair runBoth(String name, java.util.function.Function<String, Spec> spec) {
        String rid = sb.id(name + "-runc"), bid = sb.id(name + "-berth");
        RunResult r = sb.runc().run(sb.bundle(rid, spec.apply(sb.cgroupsPath(rid))), rid, seconds(30));
        RunResult b = sb.runBerth(bid, sb.bundle(bid, spec.apply(sb.cgroupsPath(bid))), seconds(30));
        return new Pair(r, b);
    }

    @Test
    void runcStyleSpecLooksTheSame() {
        compareObservations(runBoth("obs-runcspec", cg -> SpecEdit.runc(cg, "sh", "-c", OBSERVE)));
    }

    @Test
    void dockerStyleSpecLooksTheSame() {
        compareObservations(runBoth("obs-docker", cg -> SpecEdit.busybox(cg, "sh", "-c", OBSERVE)));
    }

    private static void compareObservations(Pair p) {
        RunResult r = p.runc(), b = p.berth();
        assertEquals(0, r.code(), "runc: " + r.stderr());
        assertEquals(0, b.code(), "berth: " + b.stderr());
        for (String s : List.of("pid", "hostname", "id", "status", "dev", "ulimit", "env", "cwd", "fds", "masked", "readonly"))
            assertEquals(r.section(s), b.section(s), "section " + s + " differs");
        assertEquals("1\n", b.section("pid"));
        assertEquals("0 1 2 3 \n", b.section("fds"), "fds beyond stdio (3 is ls's own)");
        // the checks could fail: masked paths are empty, read-only paths refuse writes, /dev/shm takes them
        assertTrue(b.section("masked").lines().allMatch(l -> l.endsWith(" absent") || l.endsWith(" 0")), b.section("masked"));
        // /proc/timer_list has content on any host (both specs mask it), so "0" shows the mask works
        assertTrue(b.section("masked").contains("/proc/timer_list file 0"), b.section("masked"));
        assertTrue(b.section("readonly").lines().filter(l -> l.startsWith("/proc")).allMatch(l -> l.endsWith("refused")), b.section("readonly"));
        assertTrue(b.section("readonly").contains("/dev/shm written"), b.section("readonly"));

        SortedSet<String> rm = Mountinfo.normalise(r.section("mounts")), bm = Mountinfo.normalise(b.section("mounts"));
        SortedSet<String> onlyRunc = new TreeSet<>(rm), onlyBerth = new TreeSet<>(bm);
        onlyRunc.removeAll(bm);
        onlyBerth.removeAll(rm);
        onlyRunc.removeAll(ALLOWED_ONLY_RUNC);
        onlyBerth.removeAll(ALLOWED_ONLY_BERTH);
        assertEquals(Set.of(), onlyRunc, "mounts only runc makes; berth's:\n" + String.join("\n", bm));
        assertEquals(Set.of(), onlyBerth, "mounts only berth makes; runc's:\n" + String.join("\n", rm));
        assertTrue(bm.contains("/proc/timer_list rw tmpfs"), "masked file, a bind of the container's /dev/null: " + bm);
        // read-only paths that cannot be probed by writing (a write to /proc/sysrq-trigger would act on the host)
        for (String ro : List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus", "/proc/fs"))
            if (Files.exists(Path.of(ro))) assertTrue(bm.contains(ro + " ro proc"), ro + " not read-only: " + bm);
    }

    @Test
    void cgroupFilesAfterCreateHoldTheSameLimits() throws IOException {
        List<Spec.DeviceRule> denyAll = List.of(new Spec.DeviceRule(false, null, null, null, "rwm"));
        Spec.Resources res = SpecEdit.limits(denyAll, 64L << 20, 512L, 50L);
        String rid = sb.id("cg-runc"), bid = sb.id("cg-berth");
        String rcg = sb.cgroupsPath(rid), bcg = sb.cgroupsPath(bid);
        Path rb = sb.bundle(rid, SpecEdit.resources(SpecEdit.runc(rcg, "sleep", "1000"), res));
        Path bb = sb.bundle(bid, SpecEdit.resources(SpecEdit.runc(bcg, "sleep", "1000"), res));
        assertEquals(0, sb.runc().create(rb, rid, sb.root().resolve("runc-create.out")).code(),
                () -> read(sb.root().resolve("runc-create.out")));
        sb.runtime().create(bid, bb, IoOptions.nullIo());
        String[][] files = {{"memory", "memory.limit_in_bytes"}, {"cpu", "cpu.shares"}, {"pids", "pids.max"}};
        for (String[] f : files) {
            String r = read(sb.cgroupDir(f[0], rcg).resolve(f[1])), b = read(sb.cgroupDir(f[0], bcg).resolve(f[1]));
            assertEquals(r, b, f[1]);
        }
        assertEquals(Long.toString(64L << 20), read(sb.cgroupDir("memory", bcg).resolve("memory.limit_in_bytes")));
        assertEquals("512", read(sb.cgroupDir("cpu", bcg).resolve("cpu.shares")));
        assertEquals("50", read(sb.cgroupDir("pids", bcg).resolve("pids.max")));
        // device rules: the spec's deny-all, then the devices every container gets. Berth's default list (Docker's)
        // also allows /dev/console (c 5:1), which runc 1.1 leaves out of its own.
        Set<String> rdev = lines(sb.cgroupDir("devices", rcg).resolve("devices.list"));
        Set<String> bdev = lines(sb.cgroupDir("devices", bcg).resolve("devices.list"));
        Set<String> extra = new TreeSet<>(bdev);
        extra.removeAll(rdev);
        assertTrue(bdev.containsAll(rdev), "berth lacks device rules " + rdev + " vs " + bdev);
        assertEquals(Set.of("c 5:1 rwm"), extra);
        // both inits sit in their cgroups, in every hierarchy
        int rpid = Integer.parseInt(Json.mapper().readTree(sb.runc().command("state", rid).stdout()).get("pid").asText());
        int bpid = sb.runtime().state(bid).pid();
        for (String h : List.of("memory", "cpu", "pids", "devices", "freezer")) {
            assertTrue(lines(sb.cgroupDir(h, rcg).resolve("cgroup.procs")).contains(Integer.toString(rpid)), h);
            assertTrue(lines(sb.cgroupDir(h, bcg).resolve("cgroup.procs")).contains(Integer.toString(bpid)), h);
        }
        sb.runc().deleteQuietly(rid);
        sb.runtime().delete(bid, false);
        assertEquals(List.of(), HostCounts.cgroupDirs(sb.cgroupParent() + "/" + bid), "berth left its cgroup");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> lines(Path p) {
        return read(p).lines().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void exitCodesMatch() {
        for (int code : new int[] {0, 3}) {
            Pair p = runBoth("code" + code, cg -> SpecEdit.busybox(cg, "sh", "-c", "echo out; echo err >&2; exit " + code));
            assertEquals(code, p.runc().code(), p.runc().stderr());
            assertEquals(code, p.berth().code(), p.berth().stderr());
            assertEquals(p.runc().stdout(), p.berth().stdout());
            assertEquals("out\n", p.berth().stdout());
            assertEquals("err\n", p.berth().stderr());
        }
    }

    /** A signal sent from outside: KILL ends the init with 137; TERM runs the init's trap (a pid-ns init has no default action). */
    @Test
    void signalsReachPidOne() throws Exception {
        String script = "trap 'echo got-TERM; exit 143' TERM; echo ready; sleep 1000 & wait";
        for (String sig : List.of("TERM", "KILL")) {
            int expected = sig.equals("TERM") ? 143 : 137;
            String rid = sb.id("sig-runc"), bid = sb.id("sig-berth");
            Path rout = sb.root().resolve(rid + ".out"), rerr = sb.root().resolve(rid + ".err");
            Process runc = sb.runc().startRun(sb.bundle(rid, SpecEdit.busybox(sb.cgroupsPath(rid), "sh", "-c", script)), rid, rout, rerr);
            assertTrue(await(seconds(10), () -> read(rout).contains("ready")), () -> "runc: " + read(rerr));
            assertEquals(0, sb.runc().command("kill", rid, sig).code());
            assertTrue(runc.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(expected, runc.exitValue(), sig);

            Path blog = sb.root().resolve(bid + ".log");
            ContainerRuntime rt = sb.runtime();
            rt.create(bid, sb.bundle(bid, SpecEdit.busybox(sb.cgroupsPath(bid), "sh", "-c", script)), IoOptions.log(blog, false, false));
            rt.start(bid);
            assertTrue(await(seconds(10), () -> JsonLog.stream(blog, "stdout").contains("ready")));
            rt.kill(bid, sig.equals("TERM") ? 15 : 9, false);
            ExitStatus st = rt.waitExit(bid, seconds(10));
            assertEquals(expected, st.code(), sig);
            assertEquals(read(rout).contains("got-TERM"), JsonLog.stream(blog, "stdout").contains("got-TERM"), sig);
            assertEquals(sig.equals("TERM"), JsonLog.stream(blog, "stdout").contains("got-TERM"));
            rt.delete(bid, false);
        }
    }

    @Test
    void execSeesTheSameInBoth() {
        String script = "echo $$; hostname; id; pwd; cat /proc/1/cmdline; echo; grep -E '^Cap|^NoNewPrivs' /proc/self/status; ls /proc/self/fd | tr '\\n' ' '; echo; exit 5";
        String rid = sb.id("exec-runc"), bid = sb.id("exec-berth");
        Path rout = sb.root().resolve(rid + ".out");
        assertEquals(0, sb.runc().create(sb.bundle(rid, SpecEdit.busybox(sb.cgroupsPath(rid), "sleep", "1000")), rid, rout).code(), () -> read(rout));
        assertEquals(0, sb.runc().command("start", rid).code());
        RunResult r = sb.runc().exec(rid, "sh", "-c", script);

        ContainerRuntime rt = sb.runtime();
        rt.create(bid, sb.bundle(bid, SpecEdit.busybox(sb.cgroupsPath(bid), "sleep", "1000")), IoOptions.nullIo());
        rt.start(bid);
        Path elog = sb.root().resolve(bid + "-exec.log");
        Spec.Process proc = SpecEdit.args(rt.spec(bid).process(), List.of("sh", "-c", script));
        ExecHandle h = rt.exec(bid, proc, IoOptions.log(elog, false, false), "x1");
        ExitStatus st = rt.waitExec(h, seconds(10));
        assertEquals(5, r.code(), r.stderr());
        assertEquals(5, st.code());
        // The first line, the exec'd process's pid in the container, differs by design: runc's exec passes
        // through runc init stages that take pids of the container's namespace first (6 where Berth has 2).
        String rest = r.stdout().substring(r.stdout().indexOf('\n') + 1);
        String bout = JsonLog.stream(elog, "stdout");
        assertEquals(rest, bout.substring(bout.indexOf('\n') + 1));
        int rpid = Integer.parseInt(r.stdout().lines().findFirst().orElseThrow());
        int bpid = Integer.parseInt(bout.lines().findFirst().orElseThrow());
        assertTrue(rpid > 1 && bpid > 1 && bpid < 100, rpid + " " + bpid);
        assertTrue(rest.contains("berth\nuid=0(root) gid=0(root)\n/\nsleep\u00001000\u0000\n"), rest);
        rt.removeExec(h);
        rt.delete(bid, true);
    }

    @Test
    void terminalThroughTheConsoleSocket() {
        String rid = sb.id("tty-runc"), bid = sb.id("tty-berth");
        java.util.function.Function<String, Spec> spec = cg -> SpecEdit.terminal(
                SpecEdit.busybox(cg, "sh", "-c", "tty; stty size; test -t 0 && echo stdin-is-a-tty"), true, new Spec.ConsoleSize(30, 100));
        String runcOut, berthOut;
        Path rsock = sb.root().resolve("r.sock"), bsock = sb.root().resolve("b.sock");
        try (ConsoleReceiver rc = ConsoleReceiver.listen(rsock)) {
            RunResult r = sb.runc().command("run", "-d", "--console-socket", rsock.toString(), "-b",
                    sb.bundle(rid, spec.apply(sb.cgroupsPath(rid))).toString(), rid);
            assertEquals(0, r.code(), r.stderr());
            runcOut = rc.output(seconds(20));
        }
        try (ConsoleReceiver bc = ConsoleReceiver.listen(bsock)) {
            ContainerRuntime rt = sb.runtime();
            rt.create(bid, sb.bundle(bid, spec.apply(sb.cgroupsPath(bid))), IoOptions.nullIo().withConsoleSocket(bsock));
            rt.start(bid);
            assertEquals(0, rt.waitExit(bid, seconds(20)).code());
            berthOut = bc.output(seconds(20));
            rt.delete(bid, false);
        }
        assertEquals(runcOut, berthOut);
        assertEquals("/dev/pts/0\r\n30 100\r\nstdin-is-a-tty\r\n", berthOut);
    }
}
