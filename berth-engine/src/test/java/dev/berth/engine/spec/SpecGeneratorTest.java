package dev.berth.engine.spec;

import static dev.berth.engine.spec.Fixtures.ID;
import static dev.berth.engine.spec.Fixtures.SHORT_ID;
import static dev.berth.engine.spec.Fixtures.body;
import static dev.berth.engine.spec.Fixtures.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.engine.model.CreateRequest;
import dev.berth.oci.runtime.CapabilityTable;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import dev.berth.oci.runtime.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create bodies as docker CLI 28 sends them, turned into specs and checked field by field. */
class SpecGeneratorTest {
    private static final String DEFAULT_PATH = SpecDefaults.DEFAULT_PATH_ENV;

    @TempDir
    Path bundle;
    Path rootfs;

    @BeforeEach
    void makeRootfs() throws IOException {
        rootfs = Files.createDirectory(bundle.resolve("rootfs"));
    }

    /** The generated spec must be one the runtime accepts, written and read back as config.json. */
    private Spec generateAndValidate(SpecInput in) throws IOException {
        Spec spec = SpecGenerator.generate(in);
        Files.write(bundle.resolve("config.json"), Json.bytes(spec));
        Spec reread = SpecValidator.load(bundle);
        assertEquals(spec, reread, "spec survives config.json");
        return spec;
    }

    private static List<String> destinations(Spec spec) {
        return spec.mounts().stream().map(Spec.Mount::destination).toList();
    }

    private static Spec.Mount mount(Spec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + destination + " in " + destinations(spec)));
    }

    private static List<String> namespaceTypes(Spec spec) {
        return spec.linux().namespaces().stream().map(Spec.Namespace::type).toList();
    }

    @Test
    void plainRunIsDockersDefaultSpec() throws IOException {
        Spec spec = generateAndValidate(input(body("run-echo"), rootfs).build());

        assertEquals(SpecDefaults.OCI_VERSION, spec.ociVersion());
        Spec.Process p = spec.process();
        assertNull(p.terminal(), "false is left out, as dockerd writes it");
        assertNull(p.consoleSize());
        assertEquals(new Spec.User(0, 0, null, List.of(0), null), p.user());
        assertEquals(List.of("echo", "hi"), p.args());
        assertEquals(List.of(DEFAULT_PATH, "HOSTNAME=" + SHORT_ID), p.env());
        assertEquals("/", p.cwd());
        List<String> caps = CapabilityTable.DOCKER_DEFAULT;
        assertEquals(new Spec.Capabilities(caps, caps, null, caps, null), p.capabilities());
        assertNull(p.rlimits());
        assertNull(p.noNewPrivileges());
        assertNull(p.apparmorProfile());
        assertEquals(0, p.oomScoreAdj());

        assertEquals(new Spec.Root(rootfs.toString(), null), spec.root());
        assertEquals(SHORT_ID, spec.hostname());
        assertNull(spec.domainname());
        assertNull(spec.hooks());
        assertNull(spec.annotations());
        assertEquals(List.of(
                new Spec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Spec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Spec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Spec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Spec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864"))),
                spec.mounts());

        Spec.Linux l = spec.linux();
        assertNull(l.uidMappings());
        assertEquals(Map.of("net.ipv4.ping_group_range", "0 2147483647", "net.ipv4.ip_unprivileged_port_start", "0"), l.sysctl());
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"), namespaceTypes(spec));
        assertTrue(l.namespaces().stream().allMatch(n -> n.path() == null));
        assertNull(l.cgroupsPath());
        assertNull(l.devices());
        assertNull(l.seccomp());
        assertNull(l.rootfsPropagation());
        assertEquals(SpecDefaults.DOCKER_MASKED_PATHS, l.maskedPaths());
        assertEquals(SpecDefaults.DOCKER_READONLY_PATHS, l.readonlyPaths());
        Spec.Resources r = l.resources();
        assertEquals(DevicePlanner.DOCKER_DEFAULT_RULES, r.devices());
        assertEquals(new Spec.DeviceRule(false, null, null, null, "rwm"), r.devices().get(0));
        assertEquals(new Spec.DeviceRule(false, "c", 10L, 229L, "rwm"), r.devices().get(7));
        // The CLI sends OomKillDisable false and PidsLimit 0 ("unlimited"): dockerd keeps the first, drops the second.
        assertEquals(new Spec.Memory(null, null, null, null, null, null, false, null, null), r.memory());
        assertNull(r.cpu());
        assertNull(r.pids());
        assertNull(r.blockIO());
    }

    @Test
    void interactiveRunWithManyFlags() throws IOException {
        Spec spec = generateAndValidate(input(body("run-it-many-flags"), rootfs, Fixtures.NOBODY)
                .cgroupsPath("/berth/" + ID).build());

        Spec.Process p = spec.process();
        assertEquals(true, p.terminal());
        assertEquals(new Spec.ConsoleSize(40, 100), p.consoleSize());
        assertEquals(new Spec.User(65534, 65534, null, List.of(65534), null), p.user());
        assertEquals(List.of("sh"), p.args());
        assertEquals(List.of(DEFAULT_PATH, "HOSTNAME=" + SHORT_ID, "TERM=xterm", "A=1"), p.env());
        assertEquals("/tmp", p.cwd());
        List<String> caps = new ArrayList<>(CapabilityTable.DOCKER_DEFAULT);
        caps.remove("CAP_CHOWN");
        caps.add("CAP_NET_ADMIN");
        // Not root: only the bounding set, as dockerd 20.10 does.
        assertEquals(new Spec.Capabilities(caps, null, null, null, null), p.capabilities());
        assertEquals(List.of(new Spec.Rlimit("RLIMIT_NOFILE", 200, 100)), p.rlimits());
        assertEquals(true, p.noNewPrivileges());

        assertEquals(new Spec.Root(rootfs.toString(), true), spec.root());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm", "/data", "/run"),
                destinations(spec));
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/proc").options(), "--read-only leaves /proc alone");
        assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864"), mount(spec, "/dev/shm").options());
        assertEquals(new Spec.Mount("/data", "bind", "/host", List.of("rbind", "ro", "rprivate")), mount(spec, "/data"));
        assertEquals(new Spec.Mount("/run", "tmpfs", "tmpfs", List.of("noexec", "nosuid", "nodev", "rprivate")), mount(spec, "/run"));

        Spec.Linux l = spec.linux();
        assertEquals("/berth/" + ID, l.cgroupsPath());
        assertEquals("1", l.sysctl().get("net.ipv4.ip_forward"));
        assertEquals("0", l.sysctl().get("net.ipv4.ip_unprivileged_port_start"));
        Spec.Resources r = l.resources();
        // -m 64m with no --memory-swap: swap is twice the memory.
        assertEquals(new Spec.Memory(64L << 20, null, 128L << 20, null, null, null, false, null, null), r.memory());
        assertEquals(new Spec.Cpu(null, 50_000L, 100_000L, null, null, null, null, null), r.cpu());
        assertEquals(new Spec.Pids(50), r.pids());
    }

    @Test
    void privilegedGetsAllCapabilitiesAllDevicesAndNoMaskedPaths() throws IOException {
        Spec spec = generateAndValidate(input(body("run-privileged"), rootfs).build());

        List<String> all = CapabilityPlanner.ALL;
        assertEquals(38, all.size(), "dockerd 20.10's list ends at CAP_AUDIT_READ");
        assertEquals("CAP_AUDIT_READ", all.get(37));
        assertEquals(new Spec.Capabilities(all, all, null, all, null), spec.process().capabilities());
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/sys").options());
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/sys/fs/cgroup").options());
        assertNull(spec.linux().maskedPaths());
        assertNull(spec.linux().readonlyPaths());
        assertEquals(List.of(new Spec.DeviceRule(true, "a", null, null, "rwm")), spec.linux().resources().devices());
        assertNull(spec.linux().devices());
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"), namespaceTypes(spec));
    }

    @Test
    void privilegedKeepsExplicitMaskedPaths() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-privileged"), b -> b.maskedPaths(List.of("/proc/kcore")).readonlyPaths(List.of()));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of("/proc/kcore"), spec.linux().maskedPaths());
        assertNull(spec.linux().readonlyPaths());
    }

    @Test
    void hostNetworkHasNoNetworkNamespaceNorNetworkSysctls() throws IOException {
        Spec spec = generateAndValidate(input(body("run-network-host"), rootfs).hostname("buildhost").build());
        assertEquals(List.of("mount", "uts", "pid", "ipc"), namespaceTypes(spec));
        assertNull(spec.linux().sysctl());
        assertEquals("buildhost", spec.hostname());
        assertTrue(spec.process().env().contains("HOSTNAME=buildhost"));
    }

    @Test
    void hostNetworkRefusesNetworkSysctls() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-network-host"), b -> b.sysctls(Map.of("net.ipv4.ip_forward", "1")));
        Spec spec = SpecGenerator.generate(input(r, rootfs).build());
        BerthException e = assertThrows(BerthException.class, () -> SpecValidator.validate(spec, bundle));
        assertEquals("sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace", e.getMessage());
    }

    @Test
    void hostPidHasNoPidNamespace() throws IOException {
        Spec spec = generateAndValidate(input(body("run-pid-host"), rootfs).build());
        assertEquals(List.of("mount", "network", "uts", "ipc"), namespaceTypes(spec));
    }

    @Test
    void ipcContainerJoinsTheGivenNamespace() throws IOException {
        Spec spec = generateAndValidate(input(body("run-ipc-container"), rootfs)
                .namespacePath("ipc", "/proc/self/ns/ipc").build());
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"), namespaceTypes(spec));
        assertEquals(new Spec.Namespace("ipc", "/proc/self/ns/ipc"), spec.linux().namespaces().get(4));
        assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864"), mount(spec, "/dev/shm").options(),
                "without a /dev/shm from the engine the container keeps a tmpfs of its own");
    }

    @Test
    void ipcContainerUsesTheEnginesShm() throws IOException {
        Spec.Mount shm = MountPlanner.bind("/proc/4242/root/dev/shm", "/dev/shm", false, "rprivate", true);
        Spec spec = SpecGenerator.generate(input(body("run-ipc-container"), rootfs)
                .namespacePath("ipc", "/proc/self/ns/ipc").extraMount(shm).build());
        assertEquals(shm, mount(spec, "/dev/shm"));
        assertEquals(1, spec.mounts().stream().filter(m -> m.destination().equals("/dev/shm")).count());
    }

    @Test
    void ipcContainerWithoutPathIsAnEngineError() {
        BerthException e = assertThrows(BerthException.class,
                () -> SpecGenerator.generate(input(body("run-ipc-container"), rootfs).build()));
        assertEquals(BerthException.Kind.FAILED_PRECONDITION, e.kind());
        assertEquals("cannot join the ipc namespace of container x (--ipc container:x): the engine gave no namespace path",
                e.getMessage());
    }

    @Test
    void ipcHostSharesTheHostsShm() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.ipcMode("host"));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of("mount", "network", "uts", "pid"), namespaceTypes(spec));
        assertEquals(new Spec.Mount("/dev/shm", "bind", "/dev/shm", List.of("rbind", "rprivate")), mount(spec, "/dev/shm"));
    }

    @Test
    void ipcNoneHasNoShm() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.ipcMode("none"));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertFalse(destinations(spec).contains("/dev/shm"));
        assertTrue(namespaceTypes(spec).contains("ipc"));
    }

    @Test
    void networkContainerJoinsItsNetworkAndTakesNoNetworkSysctls() throws IOException {
        Spec spec = generateAndValidate(input(body("run-network-container"), rootfs)
                .namespacePath("network", "/proc/self/ns/net").hostname("abcdefabcdef").build());
        assertEquals(new Spec.Namespace("network", "/proc/self/ns/net"), spec.linux().namespaces().get(1));
        assertNull(spec.linux().sysctl());
        assertEquals("abcdefabcdef", spec.hostname());
    }

    @Test
    void engineNetnsForABridgeNetworkKeepsTheNetworkSysctls() throws IOException {
        // Stands for a netns the engine bind-mounted for the container (the validator only checks it exists
        // and is not this process's own).
        String netns = Files.writeString(bundle.resolve("netns"), "").toString();
        Spec spec = generateAndValidate(input(body("run-echo"), rootfs).namespacePath("network", netns).build());
        assertEquals(new Spec.Namespace("network", netns), spec.linux().namespaces().get(1));
        assertEquals("0", spec.linux().sysctl().get("net.ipv4.ip_unprivileged_port_start"));
    }

    @Test
    void resourcesAndHostUtsAndPrivateCgroupns() throws IOException {
        Spec spec = generateAndValidate(input(body("run-resources"), rootfs).build());
        assertEquals(List.of("mount", "network", "ipc", "cgroup"), namespaceTypes(spec));
        assertNull(spec.hostname(), "--uts host: the host's hostname is kept");
        assertEquals(100, spec.process().oomScoreAdj());
        Spec.Resources r = spec.linux().resources();
        assertEquals(new Spec.Memory(100L << 20, 32L << 20, 200L << 20, null, null, null, false, null, null), r.memory());
        assertEquals(new Spec.Cpu(512L, null, null, null, null, "0", null, null), r.cpu());
        assertEquals(new Spec.BlockIO(300, null, null, null, null, null, null), r.blockIO());
        assertNull(r.pids());
    }

    @Test
    void cgroupV2HostGivesAPrivateCgroupNamespaceAndDropsV1OnlyMemoryKnobs() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.memorySwappiness(60L).memory(64L << 20).oomKillDisable(true));
        SpecInput in = SpecInput.builder(ID, r, rootfs, Fixtures.ROOT, HostInfo.of(2, true)).image(Fixtures.BUSYBOX)
                .pathExists(p -> false).devices(Fixtures.DEVICES).sysctlExists(s -> false).build();
        Spec spec = generateAndValidate(in);
        assertEquals(List.of("mount", "network", "uts", "pid", "ipc", "cgroup"), namespaceTypes(spec));
        assertEquals(new Spec.Memory(64L << 20, null, 128L << 20, null, null, null, null, null, null),
                spec.linux().resources().memory());
        assertNull(spec.linux().sysctl(), "no default sysctls where the kernel lacks them");
    }

    @Test
    void swappinessAndOomKillDisableOnV1() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.memorySwappiness(60L).memory(64L << 20)
                .memorySwap(-1L).oomKillDisable(true).kernelMemory(32L << 20));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        // MemorySwap -1 (unlimited) leaves swap unset; kernel memory is never set.
        assertEquals(new Spec.Memory(64L << 20, null, null, null, null, 60L, true, null, null),
                spec.linux().resources().memory());
    }

    @Test
    void entrypointResetWithoutCmdIsNoCommand() {
        BerthException e = assertThrows(BerthException.class,
                () -> SpecGenerator.generate(input(body("run-entrypoint-mounts"), rootfs).initBinary(Path.of("/usr/bin/tini")).build()));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("No command specified", e.getMessage());
    }

    @Test
    void mountsDevicesInitAndShmSize() throws IOException {
        CreateRequest base = body("run-entrypoint-mounts");
        CreateRequest r = new CreateRequest(base.config().toBuilder().cmd(List.of("sleep", "1")).build(),
                base.hostConfig(), base.networkingConfig());
        Spec spec = generateAndValidate(input(r, rootfs).initBinary(Path.of("/usr/bin/tini")).build());

        assertEquals(List.of("/sbin/docker-init", "--", "sleep", "1"), spec.process().args(),
                "--entrypoint \"\" drops the image's entrypoint and Cmd is the request's");
        assertEquals("myhost", spec.hostname());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/sbin/docker-init", "/cache", "/mnt/h"), destinations(spec));
        assertEquals(new Spec.Mount("/sbin/docker-init", "bind", "/usr/bin/tini", List.of("bind", "ro")),
                mount(spec, "/sbin/docker-init"));
        assertEquals(List.of("nosuid", "noexec", "nodev", "mode=1777", "size=134217728"), mount(spec, "/dev/shm").options());
        assertEquals(new Spec.Mount("/cache", "tmpfs", "tmpfs",
                List.of("noexec", "nosuid", "nodev", "rprivate", "mode=1770", "size=10m")), mount(spec, "/cache"));
        assertEquals(new Spec.Mount("/mnt/h", "bind", "/host", List.of("rbind", "ro", "rslave")), mount(spec, "/mnt/h"));
        assertEquals("rslave", spec.linux().rootfsPropagation());

        assertEquals(List.of(new Spec.Device("c", "/dev/xnull", 1, 3, 0666, 0, 0)), spec.linux().devices());
        List<Spec.DeviceRule> rules = spec.linux().resources().devices();
        assertEquals(DevicePlanner.DOCKER_DEFAULT_RULES.size() + 1, rules.size());
        assertEquals(new Spec.DeviceRule(true, "c", 1L, 3L, "rw"), rules.get(rules.size() - 1));
    }

    @Test
    void initNeedsAnInitBinaryButNotInTheHostPidNamespace() {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.init(true));
        BerthException e = assertThrows(BerthException.class, () -> SpecGenerator.generate(input(r, rootfs).build()));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        CreateRequest hostPid = Fixtures.withHost(r, b -> b.pidMode("host"));
        assertEquals(List.of("echo", "hi"), SpecGenerator.generate(input(hostPid, rootfs).build()).process().args());
    }

    @Test
    void extraMountsComeAfterDefaultsAndYieldToUserBinds() throws IOException {
        Spec.Mount hosts = SpecGenerator.networkFileMount(Path.of("/var/lib/berth/c/hosts"), "/etc/hosts", false);
        Spec.Mount resolv = SpecGenerator.networkFileMount(Path.of("/var/lib/berth/c/resolv.conf"), "/etc/resolv.conf", true);
        assertEquals(List.of("rbind", "ro", "rprivate"), resolv.options());
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.binds(List.of("/etc/berth/hosts:/etc/hosts:ro", "/srv:/srv")));
        Spec spec = generateAndValidate(input(r, rootfs).extraMount(hosts).extraMount(resolv).build());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/srv", "/etc/hosts", "/etc/resolv.conf"), destinations(spec));
        assertEquals("/etc/berth/hosts", mount(spec, "/etc/hosts").source(), "the user's bind replaces the engine's file");
        assertEquals(resolv, mount(spec, "/etc/resolv.conf"));
    }

    @Test
    void parentsAreMountedBeforeChildren() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b
                .binds(List.of("/srv/data:/a/b/c", "/srv:/a"))
                .tmpfs(Map.of("/a/b", "size=1m")));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        List<String> d = destinations(spec);
        assertEquals(List.of("/a", "/a/b", "/a/b/c"), d.subList(7, 10));
    }

    @Test
    void userDevReplacesEveryDefaultUnderDev() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.binds(List.of("/srv:/dev")));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup", "/dev"), destinations(spec));
        assertEquals("bind", mount(spec, "/dev").type());
    }

    @Test
    void readonlyRootfsMakesDefaultsReadOnlyButNotUserMounts() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.readonlyRootfs(true).binds(List.of("/srv:/srv")));
        Spec spec = generateAndValidate(input(r, rootfs).extraMount(
                new Spec.Mount("/extra", "tmpfs", "tmpfs", List.of("nosuid"))).build());
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/proc").options());
        assertEquals(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
                mount(spec, "/dev/pts").options());
        assertEquals(List.of("rbind", "rprivate"), mount(spec, "/srv").options());
        assertEquals(List.of("nosuid"), mount(spec, "/extra").options());
        assertTrue(spec.root().readonly());
    }

    @Test
    void privilegedReadonlyStillHasAWritableSys() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-privileged"), b -> b.readonlyRootfs(true));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/sys").options());
        assertEquals(List.of("nosuid", "noexec", "nodev"), mount(spec, "/sys/fs/cgroup").options());
    }

    @Test
    void devicesDirectoriesAndCgroupRules() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b
                .devices(List.of(new dev.berth.engine.model.DeviceMapping("/dev/snd", "/dev/snd", "rwm"),
                        new dev.berth.engine.model.DeviceMapping("/dev/sda", "", "r")))
                .deviceCgroupRules(List.of("c 42:* rmw", "b *:* m")));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of(new Spec.Device("c", "/dev/snd/controlC0", 116, 0, 0660, 0, 29),
                new Spec.Device("c", "/dev/snd/timer", 116, 33, 0660, 0, 29),
                new Spec.Device("b", "/dev/sda", 8, 0, 0660, 0, 6)), spec.linux().devices());
        List<Spec.DeviceRule> rules = spec.linux().resources().devices();
        assertEquals(List.of(new Spec.DeviceRule(true, "c", 116L, 0L, "rwm"), new Spec.DeviceRule(true, "c", 116L, 33L, "rwm"),
                new Spec.DeviceRule(true, "b", 8L, 0L, "r"), new Spec.DeviceRule(true, "c", 42L, null, "rmw"),
                new Spec.DeviceRule(true, "b", null, null, "m")), rules.subList(8, rules.size()));
    }

    @Test
    void privilegedDeviceMappingsAreAddedWithFullPermissions() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-privileged"), b -> b
                .devices(List.of(new dev.berth.engine.model.DeviceMapping("/dev/fuse", "/dev/fuse", "r"))));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(List.of(Fixtures.HOST_DEVICES.get("/dev/fuse")), spec.linux().devices());
        assertEquals(List.of(DevicePlanner.ALLOW_ALL), spec.linux().resources().devices());
    }

    @Test
    void blkioDevicesUseTheDeviceNumbers() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b
                .blkioWeightDevice(List.of(new dev.berth.engine.model.WeightDevice("/dev/sda", 200)))
                .blkioDeviceReadBps(List.of(new dev.berth.engine.model.ThrottleDevice("/dev/sda", 1_048_576L)))
                .blkioDeviceWriteIOps(List.of(new dev.berth.engine.model.ThrottleDevice("/dev/sda", 100L))));
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals(new Spec.BlockIO(null, null, List.of(new Spec.WeightDevice(8, 0, 200, null)),
                List.of(new Spec.ThrottleDevice(8, 0, 1_048_576)), null, null, List.of(new Spec.ThrottleDevice(8, 0, 100))),
                spec.linux().resources().blockIO());
    }

    @Test
    void domainnameBecomesTheKernelSysctlAndUserSysctlsWin() throws IOException {
        CreateRequest base = body("run-echo");
        CreateRequest r = new CreateRequest(base.config().toBuilder().domainname("example.org").build(),
                base.hostConfig().toBuilder().sysctls(Map.of("net.ipv4.ip_unprivileged_port_start", "1024")).build(), null);
        Spec spec = generateAndValidate(input(r, rootfs).build());
        assertEquals("example.org", spec.linux().sysctl().get("kernel.domainname"));
        assertEquals("1024", spec.linux().sysctl().get("net.ipv4.ip_unprivileged_port_start"));
        assertNull(spec.domainname());
    }

    @Test
    void cpuPeriodAndQuotaAndRealtimeOnV1() throws IOException {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.cpuPeriod(50_000L).cpuQuota(25_000L)
                .cpuRealtimePeriod(1_000_000L).cpuRealtimeRuntime(950_000L).cpusetMems("0"));
        Spec spec = SpecGenerator.generate(input(r, rootfs).build());
        assertEquals(new Spec.Cpu(null, 25_000L, 50_000L, 950_000L, 1_000_000L, null, "0", null), spec.linux().resources().cpu());
    }

    @Test
    void nanoCpusBecomeQuotaOverAPeriodOf100ms() {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.nanoCpus(1_500_000_000L));
        Spec spec = SpecGenerator.generate(input(r, rootfs).build());
        assertEquals(new Spec.Cpu(null, 150_000L, 100_000L, null, null, null, null, null), spec.linux().resources().cpu());
    }

    @Test
    void imageUserWorkdirAndEntrypointAreUsed() throws IOException {
        var image = new dev.berth.image.model.ImageConfig.Config("www-data", null, List.of("PATH=/opt/bin", "LANG=C.UTF-8"),
                List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"), null, "/srv/app/", null,
                null, null, null, null, null, null);
        CreateRequest r = body("run-pid-host"); // Cmd ["true"]
        Spec spec = generateAndValidate(input(r, rootfs).image(image).build());
        assertEquals(List.of("/docker-entrypoint.sh", "true"), spec.process().args());
        assertEquals("/srv/app", spec.process().cwd());
        assertEquals(List.of("PATH=/opt/bin", "HOSTNAME=" + SHORT_ID, "LANG=C.UTF-8"), spec.process().env());
        assertEquals("www-data", ConfigMerge.merge(r.config(), image).user(), "the engine resolves this user for SpecInput.user");
    }

    @Test
    void capDropAllAndCapAddAll() {
        CreateRequest dropAll = Fixtures.withHost(body("run-echo"), b -> b.capDrop(List.of("all")).capAdd(List.of("chown", "CAP_KILL")));
        assertEquals(List.of("CAP_CHOWN", "CAP_KILL"),
                SpecGenerator.generate(input(dropAll, rootfs).build()).process().capabilities().bounding());
        CreateRequest addAll = Fixtures.withHost(body("run-echo"), b -> b.capAdd(List.of("ALL")).capDrop(List.of("SYS_ADMIN")));
        List<String> caps = SpecGenerator.generate(input(addAll, rootfs).build()).process().capabilities().bounding();
        assertEquals(37, caps.size());
        assertFalse(caps.contains("CAP_SYS_ADMIN"));
        CreateRequest newer = Fixtures.withHost(body("run-echo"), b -> b.capAdd(List.of("bpf")));
        assertTrue(SpecGenerator.generate(input(newer, rootfs).build()).process().capabilities().bounding().contains("CAP_BPF"));
    }

    @Test
    void securityOptVariants() {
        for (String opt : List.of("no-new-privileges:true", "no-new-privileges=1", "no-new-privileges")) {
            CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.securityOpt(List.of(opt)));
            assertEquals(true, SpecGenerator.generate(input(r, rootfs).build()).process().noNewPrivileges(), opt);
        }
        CreateRequest off = Fixtures.withHost(body("run-echo"), b -> b.securityOpt(
                List.of("no-new-privileges", "no-new-privileges=false", "label=disable", "apparmor=docker-default", "seccomp:unconfined")));
        assertNull(SpecGenerator.generate(input(off, rootfs).build()).process().noNewPrivileges());
        CreateRequest privilegedProfile = Fixtures.withHost(body("run-privileged"), b -> b.securityOpt(List.of("seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}")));
        SpecGenerator.generate(input(privilegedProfile, rootfs).build());
    }

    @Test
    void seccompProfilesAreUnsupported() {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.securityOpt(List.of("seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}")));
        BerthException e = assertThrows(BerthException.class, () -> SpecGenerator.generate(input(r, rootfs).build()));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertEquals("seccomp profiles are not supported yet: only --security-opt seccomp=unconfined is accepted "
                + "(got a JSON profile of 34 bytes)", e.getMessage());
    }

    @Test
    void namedVolumesAreUnsupported() {
        CreateRequest bind = Fixtures.withHost(body("run-echo"), b -> b.binds(List.of("data:/var/lib/data")));
        BerthException e = assertThrows(BerthException.class, () -> SpecGenerator.generate(input(bind, rootfs).build()));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertEquals("named volumes are not supported yet: \"data:/var/lib/data\" names volume \"data\"", e.getMessage());
        CreateRequest mount = Fixtures.withHost(body("run-echo"), b -> b.mounts(List.of(
                new dev.berth.engine.model.Mount("volume", "data", "/data", null, null, null, null, null))));
        e = assertThrows(BerthException.class, () -> SpecGenerator.generate(input(mount, rootfs).build()));
        assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
        assertEquals("named volumes are not supported yet: --mount type=volume,source=data,target=/data", e.getMessage());
    }

    @Test
    void bindSourcesDockerWouldCreate() {
        var hc = dev.berth.engine.model.HostConfig.builder().binds(List.of("/a/b:/x", "/c/:/y:ro", "vol:/z", "/a/b:/w")).build();
        assertEquals(List.of("/a/b", "/c"), SpecGenerator.bindSourcesToCreate(hc));
    }
}
