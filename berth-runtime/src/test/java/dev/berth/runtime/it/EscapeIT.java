package dev.berth.runtime.it;

import static dev.berth.runtime.it.Sandbox.seconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExecHandle;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import dev.berth.runtime.state.StateDir;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Known container escapes, each tried for real: the test would see a successful escape (a changed host file, a host
 * path created, host entries listed, a write that worked) and fails then. Passing means each attempt failed.
 */
@Timeout(120)
class EscapeIT {
    private static final int F_GET_SEALS = 1034, ALL_SEALS = 1 | 2 | 4 | 8; // SEAL, SHRINK, GROW, WRITE

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

    /** Runs the container, or returns null when the runtime refused to create it (also an acceptable defence). */
    private RunResult runOrRefuse(String id, Path bundle, List<String> refusals) {
        try {
            return sb.runBerth(id, bundle, seconds(20));
        } catch (BerthException e) {
            refusals.add(id + ": " + e.kind() + " " + e.getMessage());
            assertFalse(Files.exists(sb.stateRoot().resolve(id)));
            return null;
        }
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path helper() {
        return Path.of(System.getProperty("berth.helper"));
    }

    private static Spec.Process proc(Spec spec, String... args) {
        return SpecEdit.args(spec.process(), List.of(args));
    }

    // ---- CVE-2019-5736: overwriting the runtime's binary through /proc/PID/exe ----

    @Test
    void cve2019_5736_theHelperBinaryCannotBeOverwrittenFromTheContainer() throws Exception {
        String before = sha256(helper());
        String id = sb.id("exe");
        Spec spec = SpecEdit.busybox(null, "sleep", "1000");
        Path bundle = sb.bundle(id, spec);
        StaticBinary.install("exe-attack", Bundles.rootfs(bundle), "/exe-attack");
        // Created, not started: the container's pid 1 is still the helper's image, waiting for `start`.
        rt.create(id, bundle, IoOptions.nullIo());
        Path log = sb.root().resolve("attack.log");
        ExecHandle h = rt.exec(id, proc(spec, "/exe-attack", "1"), IoOptions.log(log, false, false), "attack");
        assertEquals(0, rt.waitExec(h, seconds(10)).code(), JsonLog.stream(log, "stderr"));
        String out = JsonLog.stream(log, "stdout");
        System.out.println("exe-attack on a created container's pid 1:\n" + out);
        List<String> attempts = out.lines().filter(l -> l.contains(" fail ") || l.contains(" opened ")).toList();
        assertTrue(attempts.size() >= 3, out);
        for (String a : attempts)
            assertTrue(a.matches("\\S+ fail (ETXTBSY|EPERM|EACCES)"), "an open for writing of the helper worked: " + a + "\n" + out);
        // If the container could read it at all, what it reached is the sealed memfd, never the file on disk.
        if (out.contains("rdonly ok")) {
            assertTrue(out.contains("link /memfd:berth-nsexec"), out);
            assertTrue(out.contains("rdonly ok seals=" + ALL_SEALS), out);
        }
        // From the host: the monitor runs the sealed copy too.
        int monitor = new StateDir(sb.stateRoot().resolve(id)).record().monitorPid();
        assertTrue(Files.readSymbolicLink(Path.of("/proc/" + monitor + "/exe")).toString().startsWith("/memfd:berth-nsexec"));
        int fd = Libc.open("/proc/" + monitor + "/exe", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        try {
            assertEquals(ALL_SEALS, Libc.fcntl(fd, F_GET_SEALS, 0));
        } finally {
            Libc.close(fd);
        }
        assertEquals(sha256(helper()), sha256(Path.of("/proc/" + monitor + "/exe")), "the sealed copy changed");

        // The classic payload: an entrypoint whose interpreter is /proc/self/exe makes the kernel run the helper's
        // image inside the container. It must find nothing to do there (and the file on disk stays as it was).
        rt.delete(id, true);
        String evil = sb.id("shebang");
        Path eb = sb.bundle(evil, SpecEdit.busybox(null, "/evil"));
        Files.writeString(Bundles.rootfs(eb).resolve("evil"), "#!/proc/self/exe\n");
        Cmd.check(Cmd.run("chmod", "755", Bundles.rootfs(eb).resolve("evil").toString()));
        RunResult r = sb.runBerth(evil, eb, seconds(10));
        assertEquals(2, r.code(), r.stderr());
        assertTrue(r.stderr().contains("usage: berth-nsexec"), r.stderr());
        assertEquals(before, sha256(helper()), "the helper binary on the host changed");

        // Once nothing runs it (every container of this runtime is gone), the seals still refuse writes: EPERM.
        Path memfd = sealedCopyOfThisJvm();
        int wfd;
        try {
            wfd = Libc.open(memfd.toString(), Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        } catch (dev.berth.sys.Errno e) {
            assertEquals(26, e.errno(), "ETXTBSY expected while a monitor still runs it: " + e);
            System.out.println("the sealed helper copy is still run by a monitor: " + e.getMessage());
            return;
        }
        try {
            dev.berth.sys.Errno e = org.junit.jupiter.api.Assertions.assertThrows(dev.berth.sys.Errno.class,
                    () -> Libc.write(wfd, "PWNED".getBytes()));
            assertEquals(1, e.errno(), "EPERM from F_SEAL_WRITE: " + e);
            System.out.println("write to the idle sealed helper copy " + memfd + ": " + e.getMessage());
        } finally {
            Libc.close(wfd);
        }
        assertEquals(before, sha256(memfd));
    }

    /** The JVM's sealed memfd copy of the helper (what every monitor it starts runs), as /proc/self/fd/N. */
    private static Path sealedCopyOfThisJvm() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("/memfd:berth-nsexec")) return fd;
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        throw new AssertionError("the JVM holds no sealed helper copy");
    }

    // ---- CVE-2024-21626: a leaked host fd as the process's cwd ----

    @Test
    void cve2024_21626_noHostDirectoryThroughProcSelfFd() throws IOException {
        String marker = "HOST-MARKER-" + UUID.randomUUID();
        Files.createFile(sb.root().resolve(marker));
        Files.createDirectories(sb.stateRoot());
        Files.createFile(sb.stateRoot().resolve(marker));
        String script = "pwd; ls -a . ..; ls -a /proc/self/cwd/../..; ls /proc/self/fd | tr '\\n' ' '";
        List<String> refusals = new ArrayList<>();
        int ran = 0;
        for (int n = 3; n <= 10; n++) {
            String id = sb.id("fd" + n);
            Path bundle = sb.bundle(id, SpecEdit.cwd(SpecEdit.busybox(null, "sh", "-c", script), "/proc/self/fd/" + n));
            Files.createFile(bundle.resolve(marker));
            RunResult r = runOrRefuse(id, bundle, refusals);
            if (r == null) continue;
            ran++;
            String all = r.stdout() + r.stderr();
            assertFalse(all.contains("HOST-MARKER"), "host directory seen through fd " + n + ":\n" + all);
            assertFalse(all.contains("pom.xml") || all.contains("config.json") || all.contains("state.json"), all);
        }
        System.out.println("cwd /proc/self/fd/N: " + ran + " ran confined, refused: " + refusals);
        // exec with such a cwd joins a running container: refused or confined the same way
        String id = sb.id("fdexec");
        Spec spec = SpecEdit.busybox(null, "sleep", "1000");
        rt.create(id, sb.bundle(id, spec), IoOptions.nullIo());
        rt.start(id);
        for (int n = 3; n <= 10; n++) {
            Path log = sb.root().resolve("fdexec" + n + ".log");
            try {
                ExecHandle h = rt.exec(id, SpecEdit.cwd(proc(spec, "sh", "-c", script), "/proc/self/fd/" + n),
                        IoOptions.log(log, false, false), "e" + n);
                rt.waitExec(h, seconds(10));
                String all = JsonLog.stream(log, "stdout") + JsonLog.stream(log, "stderr");
                assertFalse(all.contains("HOST-MARKER") || all.contains("pom.xml"), "exec saw the host through fd " + n + ":\n" + all);
            } catch (BerthException e) {
                assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind(), e.getMessage());
            }
        }
    }

    @Test
    void cve2024_21626_noHostFdReachesTheContainer() {
        // The init is a plain program (no shell that would open fds of its own); an exec lists its fds and its own.
        String id = sb.id("fds");
        Spec spec = SpecEdit.busybox(null, "sleep", "1000");
        rt.create(id, sb.bundle(id, spec), IoOptions.log(sb.root().resolve("fds-init.log"), false, false));
        rt.start(id);
        Path log = sb.root().resolve("fds-exec.log");
        ExecHandle h = rt.exec(id, proc(spec, "sh", "-c", "echo $(ls /proc/1/fd); echo $(ls /proc/self/fd)"),
                IoOptions.log(log, false, false), "x");
        assertEquals(0, rt.waitExec(h, seconds(10)).code(), JsonLog.stream(log, "stderr"));
        assertEquals("0 1 2\n0 1 2 3\n", JsonLog.stream(log, "stdout"), "fds beyond stdio in the init, and in ls (3 is its own)");
    }

    // ---- CVE-2025-31133: /dev/null swapped so that masking binds something else over /proc files ----

    @Test
    void cve2025_31133_maskedPathsStayMasked() throws IOException {
        String script = "wc -c < /proc/timer_list; ls -A /proc/acpi | wc -l";
        Path secret = sb.root().resolve("host-secret");
        Files.writeString(secret, "HOST-SECRET-CONTENT\n");
        List<String> refusals = new ArrayList<>();
        List<Spec> variants = new ArrayList<>();
        Spec base = SpecEdit.busybox(null, "sh", "-c", script);
        // a /dev/null device that is another device
        variants.add(SpecEdit.devices(base, List.of(new Spec.Device("c", "/dev/null", 1, 5, 0666, 0, 0))));
        // a host file bound over /dev/null
        variants.add(SpecEdit.addMount(base, new Spec.Mount("/dev/null", "bind", secret.toString(), List.of("bind"))));
        // the image's dev/null a symlink to a host-like file (shadowed by the fresh /dev tmpfs)
        variants.add(base);
        int ran = 0;
        for (int i = 0; i < variants.size(); i++) {
            String id = sb.id("mask" + i);
            Path bundle = sb.bundle(id, variants.get(i));
            Files.createSymbolicLink(Bundles.rootfs(bundle).resolve("dev/null"), secret);
            RunResult r = runOrRefuse(id, bundle, refusals);
            if (r == null) continue;
            ran++;
            assertEquals(0, r.code(), r.stderr());
            assertEquals("0\n0\n", r.stdout(), "variant " + i + ": a masked path shows content");
        }
        assertEquals("HOST-SECRET-CONTENT\n", Files.readString(secret));
        assertEquals(2, refusals.size(), "the two swapped /dev/null variants should be refused: " + refusals);
        assertTrue(refusals.stream().anyMatch(s -> s.contains("/dev/null is not the null device")), refusals.toString());
        assertEquals(1, ran);
    }

    @Test
    void cve2025_31133_procSymlinkInTheImage() throws IOException {
        Path outside = sb.root().resolve("outside-" + UUID.randomUUID());
        List<String> refusals = new ArrayList<>();
        for (String target : List.of(outside.toString(), "../../../../../../.." + outside, "sys")) {
            String id = sb.id("procln");
            Path bundle = sb.bundle(id, SpecEdit.busybox(null, "sh", "-c", "wc -c < /proc/timer_list; cat /proc/self/comm"));
            Path proc = Bundles.rootfs(bundle).resolve("proc");
            Files.delete(proc);
            Files.createSymbolicLink(proc, Path.of(target));
            RunResult r = runOrRefuse(id, bundle, refusals);
            if (r != null) assertTrue(r.stdout().startsWith("0\n"), "masked path readable with proc -> " + target + ": " + r.stdout());
            assertFalse(Files.exists(outside), "the runtime created " + outside + " on the host");
        }
        System.out.println("proc symlink variants refused: " + refusals);
    }

    @Test
    void bindMountDestinationThroughASymlinkStaysInTheRootfs() throws IOException {
        Path outside = sb.root().resolve("outside-" + UUID.randomUUID());
        Path source = Files.createDirectories(sb.root().resolve("bind-src"));
        Files.writeString(source.resolve("payload"), "payload\n");
        String id = sb.id("bindln");
        Spec spec = SpecEdit.busybox(null, "sh", "-c", "cat /etc/evil/sub/payload /etc/evil2/sub/payload /etc/evil3/sub/payload");
        spec = SpecEdit.addMount(spec, new Spec.Mount("/etc/evil/sub", "bind", source.toString(), List.of("rbind")));
        spec = SpecEdit.addMount(spec, new Spec.Mount("/etc/evil2/sub", "bind", source.toString(), List.of("rbind")));
        spec = SpecEdit.addMount(spec, new Spec.Mount("/etc/evil3/sub", "bind", source.toString(), List.of("rbind")));
        Path bundle = sb.bundle(id, spec);
        Path rootfs = Bundles.rootfs(bundle);
        Files.createSymbolicLink(rootfs.resolve("etc/evil"), outside);
        Files.createSymbolicLink(rootfs.resolve("etc/evil2"), Path.of("../../../../../../../.." + outside));
        Files.createSymbolicLink(rootfs.resolve("etc/evil3"), Path.of("/"));
        RunResult r = sb.runBerth(id, bundle, seconds(10));
        assertEquals(0, r.code(), r.stderr());
        assertEquals("payload\npayload\npayload\n", r.stdout());
        assertFalse(Files.exists(outside), "a mount point was created on the host at " + outside);
        assertTrue(Files.isDirectory(rootfs.resolve(outside.toString().substring(1)).resolve("sub")), "landed inside the rootfs");
        assertTrue(Files.isDirectory(rootfs.resolve("sub")), "/etc/evil3 -> / lands at the rootfs's /sub");
        assertFalse(Files.exists(Path.of("/sub")));
    }

    // ---- CVE-2025-52565: /dev/console pre-created as a symlink ----

    @Test
    void cve2025_52565_consoleSymlinkIsNotFollowedOutOfDev() throws IOException {
        String corePattern = Files.readString(Path.of("/proc/sys/kernel/core_pattern"));
        Path outside = sb.root().resolve("console-target-" + UUID.randomUUID());
        List<String> refusals = new ArrayList<>();
        // with the usual /dev tmpfs the image's dev/console is shadowed: the console is the pty
        String id = sb.id("console");
        Spec tty = SpecEdit.terminal(SpecEdit.busybox(null, "sh", "-c", "tty; ls -l /dev/console | cut -c1"), true, null);
        Path bundle = sb.bundle(id, tty);
        Files.createSymbolicLink(Bundles.rootfs(bundle).resolve("dev/console"), Path.of("/proc/sys/kernel/core_pattern"));
        String out;
        Path sock = sb.root().resolve("c.sock");
        try (ConsoleReceiver c = ConsoleReceiver.listen(sock)) {
            rt.create(id, bundle, IoOptions.nullIo().withConsoleSocket(sock));
            rt.start(id);
            assertEquals(0, rt.waitExit(id, seconds(10)).code());
            out = c.output(seconds(10));
            rt.delete(id, false);
        }
        assertEquals("/dev/pts/0\r\nc\r\n", out);
        // without a /dev tmpfs (devpts still at /dev/pts) the image's symlink is what the runtime meets
        for (Path target : List.of(Path.of("/proc/sys/kernel/core_pattern"), outside, Path.of("../../../../../../.." + outside))) {
            String id2 = sb.id("console-nodev");
            List<Spec.Mount> mounts = List.of(new Spec.Mount("/proc", "proc", "proc", null),
                    new Spec.Mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620")));
            Path b2 = sb.bundle(id2, SpecEdit.mounts(tty, mounts));
            Files.createSymbolicLink(Bundles.rootfs(b2).resolve("dev/console"), target);
            Path sock2 = sb.root().resolve(id2 + ".sock");
            try (ConsoleReceiver c = ConsoleReceiver.listen(sock2)) {
                rt.create(id2, b2, IoOptions.nullIo().withConsoleSocket(sock2));
                fail("created with dev/console -> " + target);
            } catch (BerthException e) {
                refusals.add(e.getMessage());
                assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
                assertTrue(e.getMessage().contains("/dev/console"), e.getMessage());
            }
            assertFalse(Files.exists(outside), "created on the host: " + outside);
        }
        assertEquals(corePattern, Files.readString(Path.of("/proc/sys/kernel/core_pattern")));
        System.out.println("dev/console symlink refusals: " + refusals);
    }

    // ---- CVE-2025-52881: sysctl and masked-path writes redirected through symlinks ----

    @Test
    void cve2025_52881_sysctlWritesGoToTheContainersProcfsOnly() throws IOException {
        Path hostForward = Path.of("/proc/sys/net/ipv4/ip_forward");
        String hostValue = Files.readString(hostForward).strip();
        String want = hostValue.equals("1") ? "0" : "1";
        Spec spec = SpecEdit.sysctl(SpecEdit.busybox(null, "cat", "/proc/sys/net/ipv4/ip_forward"), Map.of("net.ipv4.ip_forward", want));
        // plain: the container's own network namespace gets the value
        String id = sb.id("sysctl");
        RunResult r = sb.runBerth(id, sb.bundle(id, spec), seconds(10));
        assertEquals(want + "\n", r.stdout(), r.stderr());
        assertEquals(hostValue, Files.readString(hostForward).strip());
        // the image's proc a symlink (to its sys, to a decoy tree outside the rootfs): refused or confined
        Path decoy = sb.root().resolve("decoy-" + UUID.randomUUID());
        Files.createDirectories(decoy.resolve("sys/net/ipv4"));
        Files.writeString(decoy.resolve("sys/net/ipv4/ip_forward"), "DECOY\n");
        List<String> refusals = new ArrayList<>();
        for (String target : List.of("sys", decoy.toString())) {
            String id2 = sb.id("sysctl-ln");
            Path b = sb.bundle(id2, spec);
            Path proc = Bundles.rootfs(b).resolve("proc");
            Files.delete(proc);
            Files.createSymbolicLink(proc, Path.of(target));
            RunResult r2 = runOrRefuse(id2, b, refusals);
            if (r2 != null) assertEquals(want + "\n", r2.stdout());
            assertEquals("DECOY\n", Files.readString(decoy.resolve("sys/net/ipv4/ip_forward")));
            assertEquals(hostValue, Files.readString(hostForward).strip());
        }
        try (var s = Files.list(decoy)) {
            assertEquals(List.of(decoy.resolve("sys")), s.toList(), "the runtime wrote into the decoy tree");
        }
        System.out.println("proc symlink + sysctl refusals: " + refusals);
    }

    // ---- CVE-2019-14271: a helper that loads shared libraries inside the container ----

    @Test
    void cve2019_14271_theHelperIsStatic() throws IOException {
        byte[] elf = Files.readAllBytes(helper());
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, java.util.Arrays.copyOf(elf, 4));
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, elf[4], "ELF64");
        long phoff = b.getLong(0x20);
        int phentsize = b.getShort(0x36) & 0xffff, phnum = b.getShort(0x38) & 0xffff;
        assertTrue(phnum > 0);
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < phnum; i++) types.add(b.getInt((int) (phoff + (long) i * phentsize)));
        assertFalse(types.contains(3), "PT_INTERP: the helper needs a dynamic loader");
        assertFalse(types.contains(2), "PT_DYNAMIC: the helper links shared libraries");
        assertTrue(types.contains(1), "no PT_LOAD: " + types);
        RunResult file = Cmd.run("file", "-b", helper().toString());
        assertTrue(file.stdout().contains("statically linked"), file.stdout());
        assertNotEquals(-1, file.stdout().indexOf("ELF 64-bit"));
    }
}
