package dev.berth.runtime.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cgroups.CgroupMount;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden checks of the plans PlanBuilder makes, read back the way berth-nsexec's plan.c reads them. */
class PlanBuilderTest {
    /** The number of values after each key, as plan.c takes them. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("mode", 1), Map.entry("id", 1), Map.entry("rootfs", 1), Map.entry("readonly", 1),
            Map.entry("nopivot", 1), Map.entry("hostname", 1), Map.entry("domainname", 1), Map.entry("rootprop", 1),
            Map.entry("ns", 2), Map.entry("uidmap", 3), Map.entry("gidmap", 3), Map.entry("mount", 7),
            Map.entry("device", 7), Map.entry("masked", 1), Map.entry("readonlypath", 1), Map.entry("sysctl", 2),
            Map.entry("rlimit", 3), Map.entry("oom", 1), Map.entry("uid", 1), Map.entry("gid", 1), Map.entry("agid", 1),
            Map.entry("umask", 1), Map.entry("cap", 2), Map.entry("nnp", 1), Map.entry("cwd", 1), Map.entry("arg", 1),
            Map.entry("env", 1), Map.entry("tty", 1), Map.entry("console_socket", 1), Map.entry("console_size", 2),
            Map.entry("stdio", 1), Map.entry("log", 1), Map.entry("stdin", 1), Map.entry("stdin_once", 1),
            Map.entry("cgroup", 1), Map.entry("fifo", 1), Map.entry("seccomp", 1));

    /** The plan as entries "key v1 v2 ...", values joined by '|'; fails on a key plan.c does not know. */
    static List<String> entries(LaunchPlan plan) {
        List<String> t = plan.tokens(), out = new ArrayList<>();
        for (int i = 0; i < t.size(); ) {
            String key = t.get(i);
            Integer n = ARITY.get(key);
            if (n == null) throw new AssertionError("key unknown to plan.c: " + key + " in " + t);
            if (i + n >= t.size()) throw new AssertionError("truncated " + key + " in " + t);
            out.add(String.join("|", t.subList(i, i + 1 + n)));
            i += 1 + n;
        }
        return out;
    }

    static List<String> withKey(List<String> entries, String key) {
        return entries.stream().filter(e -> e.startsWith(key + "|")).toList();
    }

    private static final Path BUNDLE = Path.of("/b");
    private static final List<CgroupMount> VIEW = List.of(
            CgroupMount.tmpfs("/sys/fs/cgroup", true),
            CgroupMount.bind("/sys/fs/cgroup/memory/berth/x", "/sys/fs/cgroup/memory", true),
            CgroupMount.bind("/sys/fs/cgroup/cpu,cpuacct/berth/x", "/sys/fs/cgroup/cpu,cpuacct", true),
            CgroupMount.symlink("cpu,cpuacct", "/sys/fs/cgroup/cpu"));

    private static PlanBuilder.Context ctx(IoOptions io) {
        return new PlanBuilder.Context(BUNDLE, List.of(Path.of("/sys/fs/cgroup/memory/berth/x/cgroup.procs"),
                Path.of("/sys/fs/cgroup/pids/berth/x/cgroup.procs")), VIEW, Path.of("/s/x/exec.fifo"), io);
    }

    @Test
    void dockerLikeSpecGolden() {
        List<String> e = entries(PlanBuilder.init(SpecDefaults.busyboxBundleSpec(List.of("sh", "-c", "true"), false), ctx(IoOptions.nullIo())));
        assertEquals("mode|init", e.get(0));
        assertEquals(List.of("rootfs|/b/rootfs"), withKey(e, "rootfs"));
        assertEquals(List.of("readonly|0"), withKey(e, "readonly"));
        assertEquals(List.of("rootprop|540672"), withKey(e, "rootprop"), "MS_SLAVE|MS_REC, runc's default");
        assertEquals(List.of("ns|pid|", "ns|net|", "ns|ipc|", "ns|uts|", "ns|mnt|"), withKey(e, "ns"));
        assertEquals(List.of("hostname|berth"), withKey(e, "hostname"));
        assertEquals(List.of(
                "mount|fs|proc|/proc|proc|14|0|",                                   // nosuid,nodev,noexec
                "mount|fs|tmpfs|/dev|tmpfs|16777218|0|mode=755,size=65536k",         // nosuid,strictatime
                "mount|fs|devpts|/dev/pts|devpts|10|0|newinstance,ptmxmode=0666,mode=0620,gid=5",
                "mount|fs|sysfs|/sys|sysfs|15|0|",                                   // ro too
                // the cgroup mount expands into the view, the tmpfs made read-only after the binds
                "mount|fs|tmpfs|/sys/fs/cgroup|tmpfs|14|0|mode=755",
                "mount|bind|/sys/fs/cgroup/memory/berth/x|/sys/fs/cgroup/memory||20495|0|",          // +ro,bind,rec
                "mount|bind|/sys/fs/cgroup/cpu,cpuacct/berth/x|/sys/fs/cgroup/cpu,cpuacct||20495|0|",
                "mount|symlink|cpu,cpuacct|/sys/fs/cgroup/cpu||0|0|",
                "mount|remount||/sys/fs/cgroup||15|0|",
                "mount|fs|mqueue|/dev/mqueue|mqueue|14|0|",
                "mount|fs|shm|/dev/shm|tmpfs|14|0|mode=1777,size=65536k",
                "mount|symlink|/proc/self/fd|/dev/fd||0|0|",
                "mount|symlink|/proc/self/fd/0|/dev/stdin||0|0|",
                "mount|symlink|/proc/self/fd/1|/dev/stdout||0|0|",
                "mount|symlink|/proc/self/fd/2|/dev/stderr||0|0|",
                "mount|symlink|pts/ptmx|/dev/ptmx||0|0|"), withKey(e, "mount"));
        assertEquals(List.of("device|/dev/null|c|1|3|438|0|0", "device|/dev/zero|c|1|5|438|0|0",
                "device|/dev/full|c|1|7|438|0|0", "device|/dev/random|c|1|8|438|0|0",
                "device|/dev/urandom|c|1|9|438|0|0", "device|/dev/tty|c|5|0|438|0|0"), withKey(e, "device"));
        assertEquals(SpecDefaults.DOCKER_MASKED_PATHS.stream().map(p -> "masked|" + p).toList(), withKey(e, "masked"));
        assertEquals(SpecDefaults.DOCKER_READONLY_PATHS.stream().map(p -> "readonlypath|" + p).toList(), withKey(e, "readonlypath"));
        assertEquals(List.of("cgroup|/sys/fs/cgroup/memory/berth/x/cgroup.procs", "cgroup|/sys/fs/cgroup/pids/berth/x/cgroup.procs"),
                withKey(e, "cgroup"));
        assertEquals(List.of("fifo|/s/x/exec.fifo"), withKey(e, "fifo"));
        // Docker's default capabilities: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
        // NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
        assertEquals(List.of("cap|b|0xa80425fb", "cap|e|0xa80425fb", "cap|p|0xa80425fb", "cap|i|0x0", "cap|a|0x0"), withKey(e, "cap"));
        assertEquals(List.of("rlimit|7|1024|1024"), withKey(e, "rlimit"), "RLIMIT_NOFILE is resource 7");
        assertEquals(List.of("uid|0", "gid|0", "nnp|0", "cwd|/", "tty|0", "stdio|null"),
                e.stream().filter(x -> x.matches("(uid|gid|nnp|cwd|tty|stdio)\\|.*")).toList());
        assertEquals(List.of("arg|sh", "arg|-c", "arg|true"), withKey(e, "arg"));
        assertEquals(List.of("env|" + SpecDefaults.DEFAULT_PATH_ENV), withKey(e, "env"));
        assertEquals(List.of(), withKey(e, "seccomp"));
        assertEquals(List.of(), withKey(e, "console_socket"));
    }

    @Test
    void noDeviceNodesWithoutADevTmpfs() {
        Spec s = SpecDefaults.busyboxBundleSpec(List.of("true"), false);
        Spec noDev = new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(),
                s.mounts().stream().filter(m -> !m.destination().equals("/dev")).toList(), null, null, s.linux());
        List<String> e = entries(PlanBuilder.init(noDev, ctx(IoOptions.nullIo())));
        assertEquals(List.of(), withKey(e, "device"));
        assertTrue(withKey(e, "mount").stream().noneMatch(m -> m.contains("/dev/fd")));
    }

    @Test
    void runcSpecTerminalLogAndBinds() {
        Spec r = SpecDefaults.runcSpec();
        List<Spec.Mount> mounts = new ArrayList<>(r.mounts());
        mounts.add(new Spec.Mount("/data", "bind", "data", List.of("rbind", "ro", "rro", "rprivate")));
        mounts.add(new Spec.Mount("/etc/hosts", null, "/h/hosts", List.of("bind", "nosuid")));
        Spec.Process p = new Spec.Process(true, new Spec.ConsoleSize(30, 100), new Spec.User(1000, 1001, 022, List.of(4, 5), null),
                List.of("sh"), List.of("A=b"), "/w", r.process().capabilities(), r.process().rlimits(), true, null, -500, null);
        Spec.Linux l = r.linux();
        Spec spec = new Spec(r.ociVersion(), p, r.root(), r.hostname(), "example.org", mounts, null, null,
                new Spec.Linux(List.of(new Spec.IdMapping(0, 100000, 65536)), List.of(new Spec.IdMapping(0, 200000, 65536)),
                        Map.of("net.ipv4.ip_forward", "1"), l.resources(), null,
                        List.of(new Spec.Namespace("network", "/var/run/netns/x"), new Spec.Namespace("user", null)),
                        null, null, "shared", l.maskedPaths(), l.readonlyPaths(), null));
        IoOptions io = IoOptions.log(Path.of("/logs/x.log"), true, true).withConsoleSocket(Path.of("/run/c.sock"));
        List<String> e = entries(PlanBuilder.init(spec, ctx(io)));
        assertEquals(List.of("readonly|1"), withKey(e, "readonly"));
        assertEquals(List.of("rootprop|1048576"), withKey(e, "rootprop"), "\"shared\" is MS_SHARED alone, as in runc; \"rshared\" adds MS_REC");
        assertEquals(List.of("ns|net|/var/run/netns/x", "ns|user|"), withKey(e, "ns"));
        assertEquals(List.of("uidmap|0|100000|65536"), withKey(e, "uidmap"));
        assertEquals(List.of("gidmap|0|200000|65536"), withKey(e, "gidmap"));
        assertEquals(List.of("domainname|example.org"), withKey(e, "domainname"));
        assertEquals(List.of("sysctl|net.ipv4.ip_forward|1"), withKey(e, "sysctl"));
        List<String> m = withKey(e, "mount");
        // relative bind sources are taken from the bundle; rro sets bit 31 of the propagation field
        assertTrue(m.contains("mount|bind|/b/data|/data||" + (1 | 4096 | 16384) + "|" + ((1L << 31) | 262144 | 16384) + "|"), m.toString());
        assertTrue(m.contains("mount|bind|/h/hosts|/etc/hosts||" + (2 | 4096) + "|0|"), m.toString());
        assertEquals(List.of("uid|1000", "gid|1001", "agid|4", "agid|5", "umask|18", "oom|-500", "nnp|1", "cwd|/w"),
                e.stream().filter(x -> x.matches("(uid|gid|agid|umask|oom|nnp|cwd)\\|.*")).toList());
        assertEquals(List.of("cap|b|0x20000420", "cap|e|0x20000420", "cap|p|0x20000420", "cap|i|0x0", "cap|a|0x20000420"), withKey(e, "cap"));
        assertEquals(List.of("tty|1", "console_size|30|100", "console_socket|/run/c.sock", "stdio|log", "log|/logs/x.log", "stdin|1", "stdin_once|1"),
                e.stream().filter(x -> x.matches("(tty|console_size|console_socket|stdio|log|stdin|stdin_once)\\|.*")).toList());
    }

    @Test
    void execPlanJoinsTheInitsNamespaces() {
        Spec s = SpecDefaults.busyboxBundleSpec(List.of("sleep", "1"), false);
        Spec.Process p = new Spec.Process(false, null, new Spec.User(65534, 65534, null, null, null), List.of("id"),
                List.of("X=1"), "/tmp", null, null, null, null, null, null);
        List<String> e = entries(PlanBuilder.exec(s, 4242, p, List.of(Path.of("/cg/cgroup.procs")), IoOptions.nullIo()));
        assertEquals("mode|exec", e.get(0));
        assertEquals(List.of("ns|pid|/proc/4242/ns/pid", "ns|net|/proc/4242/ns/net", "ns|ipc|/proc/4242/ns/ipc",
                "ns|uts|/proc/4242/ns/uts", "ns|mnt|/proc/4242/ns/mnt"), withKey(e, "ns"));
        assertEquals(List.of("cgroup|/cg/cgroup.procs"), withKey(e, "cgroup"));
        assertEquals(List.of(), withKey(e, "mount"));
        assertEquals(List.of(), withKey(e, "fifo"));
        assertEquals(List.of(), withKey(e, "cap"), "no capabilities given: none set");
        assertEquals(List.of("uid|65534", "gid|65534", "nnp|0", "cwd|/tmp", "env|X=1", "arg|id", "tty|0", "stdio|null"),
                e.subList(e.indexOf("cgroup|/cg/cgroup.procs") + 1, e.size()));
    }

    @Test
    void bytesAreNulTerminatedTokensAndNulsAreRefused() {
        LaunchPlan plan = new LaunchPlan().add("mode", "init").add("arg", "a b");
        assertArrayEquals("mode\0init\0arg\0a b\0".getBytes(StandardCharsets.UTF_8), plan.bytes());
        BerthException e = assertThrows(BerthException.class, () -> new LaunchPlan().add("arg", "a\0b"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void badSpecsAreRefused() {
        Spec s = SpecDefaults.busyboxBundleSpec(List.of("true"), false);
        Spec noArgs = new Spec(s.ociVersion(), new Spec.Process(false, null, null, List.of(), null, "/", null, null, null, null, null, null),
                s.root(), null, null, List.of(), null, null, null);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                assertThrows(BerthException.class, () -> PlanBuilder.init(noArgs, ctx(IoOptions.nullIo()))).kind());
        Spec relative = new Spec(s.ociVersion(), s.process(), s.root(), null, null,
                List.of(new Spec.Mount("data", "tmpfs", "tmpfs", null)), null, null, null);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                assertThrows(BerthException.class, () -> PlanBuilder.init(relative, ctx(IoOptions.nullIo()))).kind());
        Spec badNs = new Spec(s.ociVersion(), s.process(), s.root(), null, null, List.of(), null, null,
                new Spec.Linux(null, null, null, null, null, List.of(new Spec.Namespace("time", null)), null, null, null, null, null, null));
        assertEquals(BerthException.Kind.UNSUPPORTED,
                assertThrows(BerthException.class, () -> PlanBuilder.init(badNs, ctx(IoOptions.nullIo()))).kind());
    }
}
