package dev.berth.runtime.it;

import static dev.berth.runtime.it.Sandbox.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerStatus;
import dev.berth.runtime.launch.IoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad bundles and commands through the library: each fails with a typed {@link BerthException} whose message names
 * the culprit, and leaves nothing behind: no cgroup directory, no state directory, no helper process, no mount.
 * (An unknown user name is not covered: the runtime takes numeric ids from the spec, as runc does; names are
 * resolved by the caller with UserResolver, which has its own tests.)
 */
@Timeout(60)
class BadInputIT {
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

    private BerthException createFails(String id, Path bundle, Kind kind, String messagePart) {
        BerthException e = assertThrows(BerthException.class, () -> rt.create(id, bundle, IoOptions.nullIo()));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "message \"" + e.getMessage() + "\" lacks \"" + messagePart + "\"");
        assertNothingLeft(id);
        return e;
    }

    private void assertNothingLeft(String id) {
        assertFalse(Files.exists(sb.stateRoot().resolve(id)), "state dir left");
        assertEquals(List.of(), HostCounts.cgroupDirs(sb.cgroupParent() + "/" + id), "cgroup dirs left");
        String dir = sb.stateRoot().resolve(id).toString();
        assertTrue(Sandbox.await(seconds(5), () -> HostCounts.processesMentioning(dir).isEmpty()),
                "helper processes left: " + HostCounts.processesMentioning(dir));
        assertEquals(0, HostCounts.mountsUnder(sb.root()), "host mounts left under " + sb.root());
        assertTrue(rt.list().stream().noneMatch(c -> c.id().equals(id)));
    }

    @Test
    void missingRootfs() throws IOException {
        String id = sb.id("norootfs");
        Path bundle = sb.bundle(id, SpecEdit.busybox(null, "true"));
        Cmd.check(Cmd.run("rm", "-rf", Bundles.rootfs(bundle).toString()));
        createFails(id, bundle, Kind.INVALID_ARGUMENT, Bundles.rootfs(bundle).toString());
    }

    @Test
    void malformedConfig() throws IOException {
        String id = sb.id("badjson");
        Path bundle = sb.bundle(id, SpecEdit.busybox(null, "true"));
        Files.writeString(bundle.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": {");
        createFails(id, bundle, Kind.INVALID_ARGUMENT, "malformed");
        Files.delete(bundle.resolve("config.json"));
        createFails(id, bundle, Kind.NOT_FOUND, "config.json");
    }

    @Test
    void unknownNamespaceType() {
        String id = sb.id("badns");
        Spec spec = SpecEdit.busybox(null, "true");
        List<Spec.Namespace> ns = new java.util.ArrayList<>(spec.linux().namespaces());
        ns.add(new Spec.Namespace("bogus", null));
        createFails(id, sb.bundle(id, SpecEdit.namespaces(spec, ns)), Kind.INVALID_ARGUMENT, "bogus");
    }

    @Test
    void directoryBoundOntoAFile() throws IOException {
        String id = sb.id("dir2file");
        Path hostDir = Files.createDirectories(sb.root().resolve("a-host-dir"));
        Spec spec = SpecEdit.addMount(SpecEdit.busybox(null, "true"),
                new Spec.Mount("/etc/passwd", "bind", hostDir.toString(), List.of("rbind", "ro")));
        createFails(id, sb.bundle(id, spec), Kind.FAILED_PRECONDITION, "/etc/passwd");
    }

    @Test
    void commandNotFound() {
        String id = sb.id("nocmd");
        BerthException e = createFails(id, sb.bundle(id, SpecEdit.busybox(null, "no-such-command")), Kind.COMMAND_NOT_FOUND, "no-such-command");
        assertTrue(e.getMessage().contains("executable file not found in $PATH"), e.getMessage());
        String abs = sb.id("nocmd-abs");
        createFails(abs, sb.bundle(abs, SpecEdit.busybox(null, "/no/such/file")), Kind.COMMAND_NOT_FOUND, "/no/such/file");
    }

    @Test
    void commandNotExecutable() throws IOException {
        String id = sb.id("noexec");
        Path bundle = sb.bundle(id, SpecEdit.busybox(null, "/bin/plain-file"));
        Path plain = Bundles.rootfs(bundle).resolve("bin/plain-file");
        Files.writeString(plain, "#!/bin/sh\necho should not run\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        createFails(id, bundle, Kind.COMMAND_NOT_EXECUTABLE, "/bin/plain-file");
        String dir = sb.id("noexec-dir");
        createFails(dir, sb.bundle(dir, SpecEdit.busybox(null, "/tmp")), Kind.COMMAND_NOT_EXECUTABLE, "/tmp");
    }

    @Test
    void duplicateId() {
        String id = sb.id("dup");
        Path bundle = sb.bundle(id, SpecEdit.busybox(null, "sleep", "1000"));
        rt.create(id, bundle, IoOptions.nullIo());
        BerthException e = assertThrows(BerthException.class, () -> rt.create(id, bundle, IoOptions.nullIo()));
        assertEquals(Kind.ALREADY_EXISTS, e.kind());
        assertTrue(e.getMessage().contains(id), e.getMessage());
        assertEquals(ContainerStatus.CREATED, rt.state(id).status(), "the first container was harmed");
        // the monitor and the created init (still the helper's image until start): no third from the failed create
        assertEquals(2, HostCounts.processesMentioning(sb.stateRoot().resolve(id).toString()).size());
        rt.delete(id, false);
        assertNothingLeft(id);
    }

    @Test
    void badIdsAndUnknownContainers() {
        BerthException e = assertThrows(BerthException.class,
                () -> rt.create("../escape", sb.bundle("x", SpecEdit.busybox(null, "true")), IoOptions.nullIo()));
        assertEquals(Kind.INVALID_ARGUMENT, e.kind());
        assertFalse(Files.exists(sb.stateRoot().getParent().resolve("escape")));
        for (Runnable r : List.<Runnable>of(() -> rt.start("nope"), () -> rt.kill("nope", 9, false), () -> rt.delete("nope", false),
                () -> rt.state("nope"), () -> rt.pause("nope")))
            assertEquals(Kind.NOT_FOUND, assertThrows(BerthException.class, r::run).kind());
    }

    @Test
    void failedExecLeavesNoExecBehind() {
        String id = sb.id("execfail");
        rt.create(id, sb.bundle(id, SpecEdit.busybox(null, "sleep", "1000")), IoOptions.nullIo());
        rt.start(id);
        Spec.Process p = SpecEdit.args(rt.spec(id).process(), List.of("no-such-command"));
        BerthException e = assertThrows(BerthException.class, () -> rt.exec(id, p, IoOptions.nullIo(), "e1"));
        assertEquals(Kind.COMMAND_NOT_FOUND, e.kind());
        Spec.Process cwd = SpecEdit.cwd(SpecEdit.args(rt.spec(id).process(), List.of("true")), "/no/such/dir");
        e = assertThrows(BerthException.class, () -> rt.exec(id, cwd, IoOptions.nullIo(), "e2"));
        assertEquals(Kind.FAILED_PRECONDITION, e.kind());
        assertTrue(e.getMessage().contains("/no/such/dir"), e.getMessage());
        assertFalse(Files.exists(sb.stateRoot().resolve(id).resolve("exec/e1")));
        assertFalse(Files.exists(sb.stateRoot().resolve(id).resolve("exec/e2")));
        assertTrue(Sandbox.await(seconds(5), () -> HostCounts.processesMentioning(sb.stateRoot().resolve(id).resolve("exec").toString()).isEmpty()));
        assertEquals(List.of(rt.state(id).pid()), rt.ps(id), "only the init is left in the container");
        rt.delete(id, true);
        assertNothingLeft(id);
    }
}
