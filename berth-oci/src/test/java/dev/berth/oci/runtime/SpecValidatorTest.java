package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecValidatorTest {
    @TempDir Path bundle;
    Spec base;

    @BeforeEach
    void bundleWithRootfs() throws Exception {
        Files.createDirectory(bundle.resolve("rootfs"));
        base = SpecDefaults.busyboxBundleSpec(List.of("true"), false);
    }

    // --- small withers over the immutable records ---

    private static Spec withProcess(Spec s, Spec.Process p) {
        return new Spec(s.ociVersion(), p, s.root(), s.hostname(), s.domainname(), s.mounts(), s.hooks(),
                s.annotations(), s.linux());
    }

    private static Spec.Process process(Spec.Process p, List<String> args, String cwd) {
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), args, p.env(), cwd, p.capabilities(),
                p.rlimits(), p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    private static Spec.Process process(Spec.Process p, Spec.Capabilities caps, List<Spec.Rlimit> rlimits) {
        return new Spec.Process(p.terminal(), p.consoleSize(), p.user(), p.args(), p.env(), p.cwd(), caps,
                rlimits, p.noNewPrivileges(), p.apparmorProfile(), p.oomScoreAdj(), p.selinuxLabel());
    }

    private static Spec withLinux(Spec s, Spec.Linux l) {
        return new Spec(s.ociVersion(), s.process(), s.root(), s.hostname(), s.domainname(), s.mounts(), s.hooks(),
                s.annotations(), l);
    }

    private static Spec.Linux linux(List<Spec.Namespace> ns, Map<String, String> sysctl,
                                    List<Spec.IdMapping> uids, List<Spec.IdMapping> gids) {
        return new Spec.Linux(uids, gids, sysctl, null, null, ns, null, null, null,
                SpecDefaults.DOCKER_MASKED_PATHS, SpecDefaults.DOCKER_READONLY_PATHS, null);
    }

    private static List<Spec.Namespace> ns(String... types) {
        List<Spec.Namespace> out = new ArrayList<>();
        for (String t : types) {
            int eq = t.indexOf('=');
            out.add(eq < 0 ? new Spec.Namespace(t, null) : new Spec.Namespace(t.substring(0, eq), t.substring(eq + 1)));
        }
        return out;
    }

    private Spec withNamespaces(String... types) {
        return withLinux(base, linux(ns(types), null, null, null));
    }

    private Spec withSysctl(Map<String, String> sysctl, String... types) {
        return withLinux(base, linux(ns(types), sysctl, null, null));
    }

    private void invalid(Spec spec, String message) {
        BerthException e = assertThrows(BerthException.class, () -> SpecValidator.validate(spec, bundle));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    private void valid(Spec spec) {
        assertDoesNotThrow(() -> SpecValidator.validate(spec, bundle));
    }

    // --- the tests ---

    @Test
    void aDockerLikeSpecIsValid() {
        valid(base);
    }

    @Test
    void ociVersionIsRequired() {
        invalid(new Spec(null, base.process(), base.root(), base.hostname(), null, base.mounts(), null, null,
                base.linux()), "ociVersion must be specified");
        invalid(new Spec(" ", base.process(), base.root(), base.hostname(), null, base.mounts(), null, null,
                base.linux()), "ociVersion must be specified");
    }

    @Test
    void processChecks() {
        invalid(withProcess(base, null), "process property must not be empty");
        invalid(withProcess(base, process(base.process(), List.of(), "/")), "args must not be empty");
        invalid(withProcess(base, process(base.process(), null, "/")), "args must not be empty");
        invalid(withProcess(base, process(base.process(), List.of("sh"), "")), "cwd property must not be empty");
        BerthException e = assertThrows(BerthException.class, () -> SpecValidator.validate(
                withProcess(base, process(base.process(), List.of("sh"), "tmp")), bundle));
        assertTrue(e.getMessage().startsWith("cwd property must be an absolute path"), e.getMessage());
    }

    @Test
    void capabilitiesMustBeKnown() {
        Spec.Capabilities caps = new Spec.Capabilities(List.of("CAP_KILL"), null, List.of("CAP_FOO"), null, null);
        invalid(withProcess(base, process(base.process(), caps, null)), "unknown capability \"CAP_FOO\"");
        Spec.Capabilities ambient = new Spec.Capabilities(null, null, null, null, List.of("CAP_NOT_A_CAP"));
        invalid(withProcess(base, process(base.process(), ambient, null)), "unknown capability \"CAP_NOT_A_CAP\"");
        valid(withProcess(base, process(base.process(),
                new Spec.Capabilities(CapabilityTable.all(), List.of("kill"), null, null, null), null)));
    }

    @Test
    void rlimitsMustBeKnownUniqueAndOrdered() {
        Spec.Capabilities caps = base.process().capabilities();
        invalid(withProcess(base, process(base.process(), caps, List.of(new Spec.Rlimit("RLIMIT_FOO", 1, 1)))),
                "unknown rlimit type \"RLIMIT_FOO\"");
        invalid(withProcess(base, process(base.process(), caps, List.of(
                new Spec.Rlimit("RLIMIT_NOFILE", 10, 10), new Spec.Rlimit("RLIMIT_NOFILE", 20, 20)))),
                "duplicate rlimit type \"RLIMIT_NOFILE\"");
        invalid(withProcess(base, process(base.process(), caps, List.of(new Spec.Rlimit("RLIMIT_NPROC", 10, 20)))),
                "rlimit RLIMIT_NPROC: soft limit 20 is above the hard limit 10");
        valid(withProcess(base, process(base.process(), caps, List.of(
                new Spec.Rlimit("RLIMIT_NOFILE", 1024, 512), new Spec.Rlimit("RLIMIT_CORE", -1, -1)))));
    }

    @Test
    void rootfsMustBeAnExistingDirectory() throws Exception {
        Spec noRoot = new Spec(base.ociVersion(), base.process(), null, base.hostname(), null, base.mounts(), null,
                null, base.linux());
        invalid(noRoot, "root must be specified");
        Spec missing = new Spec(base.ociVersion(), base.process(), new Spec.Root("nothere", false), base.hostname(),
                null, base.mounts(), null, null, base.linux());
        invalid(missing, "rootfs (" + bundle.resolve("nothere") + ") does not exist");
        Files.writeString(bundle.resolve("afile"), "x");
        Spec file = new Spec(base.ociVersion(), base.process(), new Spec.Root("afile", false), base.hostname(),
                null, base.mounts(), null, null, base.linux());
        invalid(file, "rootfs (" + bundle.resolve("afile") + ") is not a directory");
        Spec absolute = new Spec(base.ociVersion(), base.process(),
                new Spec.Root(bundle.resolve("rootfs").toString(), true), base.hostname(), null, base.mounts(),
                null, null, base.linux());
        valid(absolute);
    }

    @Test
    void mountDestinationsMustBeAbsolute() {
        List<Spec.Mount> mounts = new ArrayList<>(base.mounts());
        mounts.add(new Spec.Mount("data", "bind", "/tmp", List.of("rbind")));
        invalid(new Spec(base.ociVersion(), base.process(), base.root(), base.hostname(), null, mounts, null, null,
                base.linux()), "mount destination \"data\" is not an absolute path");
        List<Spec.Mount> unsupported = List.of(new Spec.Mount("/data", "bind", "/tmp", List.of("rbind", "rnoexec")));
        BerthException e = assertThrows(BerthException.class, () -> SpecValidator.validate(new Spec(base.ociVersion(),
                base.process(), base.root(), base.hostname(), null, unsupported, null, null, base.linux()), bundle));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void namespaceTypesMustBeKnownAndUnique() {
        invalid(withNamespaces("pid", "foo", "mount", "uts"), "unknown namespace type \"foo\"");
        invalid(withNamespaces("pid", "mount", "uts", "pid"), "duplicate namespace type \"pid\"");
        BerthException e = assertThrows(BerthException.class,
                () -> SpecValidator.validate(withNamespaces("mount", "uts", "time"), bundle));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void joinedNamespacePathsMustExist() {
        invalid(withNamespaces("mount", "uts", "network=/proc/424242424/ns/net"),
                "network namespace path \"/proc/424242424/ns/net\" does not exist");
        invalid(withNamespaces("mount", "uts", "network=proc/self/ns/net"),
                "network namespace path \"proc/self/ns/net\" is not an absolute path");
        valid(withNamespaces("mount", "uts", "network=/proc/self/ns/net", "ipc=/proc/self/ns/ipc"));
    }

    @Test
    void userNamespaceAndMappingsGoTogether() {
        List<Spec.IdMapping> map = List.of(new Spec.IdMapping(0, 100000, 65536));
        invalid(withLinux(base, linux(ns("mount", "uts"), null, map, map)),
                "user namespace mappings specified, but user namespace isn't enabled in the config");
        invalid(withLinux(base, linux(ns("mount", "uts", "user"), null, null, null)),
                "user namespaces enabled, but no namespace path to join nor mappings to apply specified");
        invalid(withLinux(base, linux(ns("mount", "uts", "user"), null, List.of(), List.of())),
                "user namespaces enabled, but no namespace path to join nor mappings to apply specified");
        valid(withLinux(base, linux(ns("mount", "uts", "user"), null, map, map)));
        valid(withLinux(base, linux(ns("mount", "uts", "user=/proc/self/ns/user"), null, null, null)));
    }

    @Test
    void hostnameNeedsAUtsNamespace() {
        invalid(withNamespaces("mount", "pid"), "unable to set hostname without a private UTS namespace");
        Spec noHostname = new Spec(base.ociVersion(), base.process(), base.root(), null, "example.org",
                base.mounts(), null, null, linux(ns("mount"), null, null, null));
        invalid(noHostname, "unable to set domainname without a private UTS namespace");
        valid(withNamespaces("mount", "uts=/proc/self/ns/uts"));
    }

    @Test
    void maskedPathsNeedAMountNamespace() {
        invalid(withNamespaces("uts", "pid"), "unable to restrict sys entries without a private MNT namespace");
    }

    @Test
    void sysctlsMustBeNamespacedForTheContainersNamespaces() {
        valid(withSysctl(Map.of("kernel.shmmax", "1", "kernel.sem", "1", "fs.mqueue.msg_max", "1"), "mount", "uts", "ipc"));
        invalid(withSysctl(Map.of("kernel.shmmax", "1"), "mount", "uts"),
                "sysctl \"kernel.shmmax\" is not allowed in the hosts ipc namespace");
        invalid(withSysctl(Map.of("fs.mqueue.msg_max", "1"), "mount", "uts"),
                "sysctl \"fs.mqueue.msg_max\" is not allowed in the hosts ipc namespace");

        valid(withSysctl(Map.of("net.ipv4.ip_forward", "1"), "mount", "uts", "network"));
        invalid(withSysctl(Map.of("net.ipv4.ip_forward", "1"), "mount", "uts"),
                "sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace");
        invalid(withSysctl(Map.of("net.ipv4.ip_forward", "1"), "mount", "uts", "network=/proc/self/ns/net"),
                "sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace");
        invalid(withSysctl(Map.of("net/ipv4/conf/eth0.100/rp_filter", "1"), "mount", "uts"),
                "sysctl \"net.ipv4.conf.eth0/100.rp_filter\" not allowed in host network namespace");

        valid(withSysctl(Map.of("kernel.domainname", "example.org"), "mount", "uts"));
        Spec noUts = withSysctl(Map.of("kernel.domainname", "example.org"), "mount");
        invalid(new Spec(noUts.ociVersion(), noUts.process(), noUts.root(), null, null, noUts.mounts(), null, null,
                noUts.linux()), "sysctl \"kernel.domainname\" is not in a separate kernel namespace");
        invalid(withSysctl(Map.of("kernel.hostname", "x"), "mount", "uts"),
                "sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field");
        invalid(withSysctl(Map.of("kernel.panic", "1"), "mount", "uts", "ipc", "network"),
                "sysctl \"kernel.panic\" is not in a separate kernel namespace");
        invalid(withSysctl(Map.of("user.max_user_namespaces", "0"), "mount", "uts"),
                "setting ucounts without a user namespace not allowed: user.max_user_namespaces");
    }

    @Test
    void sysctlKeysWithSlashesAreReadLikeSysctl8() {
        assertEquals("net.ipv4.ip_forward", SysctlRules.dotted("net/ipv4/ip_forward"));
        assertEquals("net.ipv4.conf.eno2/100.rp_filter", SysctlRules.dotted("net/ipv4/conf/eno2.100/rp_filter"));
        assertEquals("net.ipv4.conf.eno2/100.rp_filter", SysctlRules.dotted("net.ipv4.conf.eno2/100.rp_filter"));
        assertEquals("kernel", SysctlRules.dotted("kernel"));
    }

    // --- load ---

    @Test
    void loadReadsAndValidatesConfigJson() throws Exception {
        Files.write(bundle.resolve("config.json"), Json.bytes(base));
        assertEquals(base, SpecValidator.load(bundle));
        Files.write(bundle.resolve("config.json"), Json.bytes(withNamespaces("mount", "pid")));
        assertThrows(BerthException.class, () -> SpecValidator.load(bundle));
    }

    @Test
    void loadWithoutConfigJsonIsNotFound() {
        BerthException e = assertThrows(BerthException.class, () -> SpecValidator.load(bundle));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind());
        assertEquals("JSON specification file config.json not found", e.getMessage());
    }

    @Test
    void loadOfMalformedJsonNamesTheFile() throws Exception {
        Path config = bundle.resolve("config.json");
        for (String text : List.of("{\"ociVersion\": ", "{\"process\": {\"args\": 5}}", "[1,2]")) {
            Files.writeString(config, text);
            BerthException e = assertThrows(BerthException.class, () -> SpecValidator.load(bundle));
            assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind(), text);
            assertTrue(e.getMessage().contains(config.toString()), e.getMessage());
        }
        Files.writeString(config, "null");
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                assertThrows(BerthException.class, () -> SpecValidator.load(bundle)).kind());
        Files.delete(config);
        Files.createDirectory(config);
        assertEquals(BerthException.Kind.INVALID_ARGUMENT,
                assertThrows(BerthException.class, () -> SpecValidator.load(bundle)).kind());
    }
}
