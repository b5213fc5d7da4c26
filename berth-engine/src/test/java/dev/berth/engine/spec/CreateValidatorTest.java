package dev.berth.engine.spec;

import static dev.berth.engine.spec.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.DeviceMapping;
import dev.berth.engine.model.DeviceRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.model.Mount;
import dev.berth.engine.model.PortBinding;
import dev.berth.engine.model.ThrottleDevice;
import dev.berth.engine.model.Ulimit;
import dev.berth.image.model.ImageConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal, with dockerd's text, on top of the plain `docker run busybox echo hi` body. */
class CreateValidatorTest {
    private static final Path ROOTFS = Path.of("/nonexistent/rootfs");

    private static Arguments host(String expected, UnaryOperator<HostConfig.Builder> change) {
        return Arguments.of(expected, BerthException.Kind.INVALID_ARGUMENT, Fixtures.withHost(body("run-echo"), change));
    }

    private static Arguments config(String expected, UnaryOperator<ContainerConfig.Builder> change) {
        CreateRequest r = body("run-echo");
        return Arguments.of(expected, BerthException.Kind.INVALID_ARGUMENT,
                new CreateRequest(change.apply(r.config().toBuilder()).build(), r.hostConfig(), r.networkingConfig()));
    }

    private static Arguments both(String expected, UnaryOperator<ContainerConfig.Builder> c, UnaryOperator<HostConfig.Builder> h) {
        CreateRequest r = body("run-echo");
        return Arguments.of(expected, BerthException.Kind.INVALID_ARGUMENT,
                new CreateRequest(c.apply(r.config().toBuilder()).build(), h.apply(r.hostConfig().toBuilder()).build(), null));
    }

    private static Arguments unsupported(String expected, UnaryOperator<HostConfig.Builder> change) {
        return Arguments.of(expected, BerthException.Kind.UNSUPPORTED, Fixtures.withHost(body("run-echo"), change));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // runconfig: network and UTS modes
                host("Invalid network mode: invalid container format container:<name|id>", b -> b.networkMode("container:")),
                host("Invalid network mode: invalid container format container:<name|id>", b -> b.networkMode("container")),
                both("conflicting options: hostname and the network mode", c -> c.hostname("h"), h -> h.networkMode("container:x")),
                host("conflicting options: container type network can't be used with links. This would result in undefined behavior",
                        b -> b.networkMode("container:x").links(List.of("db:db"))),
                host("conflicting options: dns and the network mode", b -> b.networkMode("container:x").dns(List.of("1.1.1.1"))),
                host("conflicting options: custom host-to-IP mapping and the network mode",
                        b -> b.networkMode("container:x").extraHosts(List.of("a:1.2.3.4"))),
                both("conflicting options: mac-address and the network mode", c -> c.macAddress("02:42:ac:11:00:02"), h -> h.networkMode("host")),
                host("conflicting options: port publishing and the container type network mode",
                        b -> b.networkMode("container:x").portBindings(Map.of("80/tcp", List.of(new PortBinding("", "8080"))))),
                host("conflicting options: port publishing and the container type network mode",
                        b -> b.networkMode("container:x").publishAllPorts(true)),
                both("conflicting options: port exposing and the container type network mode",
                        c -> c.exposedPorts(Map.of("80/tcp", Map.of())), h -> h.networkMode("container:x")),
                both("conflicting options: hostname and the UTS mode", c -> c.hostname("h"), h -> h.utsMode("host")),
                host("conflicting options: host type networking can't be used with links. This would result in undefined behavior",
                        b -> b.networkMode("host").links(List.of("db:db"))),
                host("Invalid isolation: \"hyperv\" - linux only supports 'default'", b -> b.isolation("hyperv")),
                host("Invalid QoS settings: linux does not support configuration of maximum bandwidth", b -> b.ioMaximumBandwidth(1L)),
                host("Invalid QoS settings: linux does not support configuration of maximum IOPs", b -> b.ioMaximumIOps(1L)),
                host("cpu real-time runtime cannot be higher than cpu real-time period",
                        b -> b.cpuRealtimePeriod(1000L).cpuRealtimeRuntime(2000L)),
                // daemon/container.go validateContainerConfig
                config("the working directory 'tmp' is invalid, it needs to be an absolute path", c -> c.workingDir("tmp")),
                config("Invalid signal: SIGFOO", c -> c.stopSignal("SIGFOO")),
                config("Invalid signal: 0", c -> c.stopSignal("0")),
                config("invalid environment variable: =x", c -> c.env(List.of("A=1", "=x"))),
                config("Interval in Healthcheck cannot be less than 1ms",
                        c -> c.healthcheck(new ImageConfig.Healthcheck(List.of("CMD", "true"), 3L, null, null, null, null))),
                config("Timeout in Healthcheck cannot be less than 1ms",
                        c -> c.healthcheck(new ImageConfig.Healthcheck(null, null, 999_999L, null, null, null))),
                config("Retries in Healthcheck cannot be negative",
                        c -> c.healthcheck(new ImageConfig.Healthcheck(null, null, null, null, null, -1))),
                config("StartPeriod in Healthcheck cannot be less than 1ms",
                        c -> c.healthcheck(new ImageConfig.Healthcheck(null, null, null, 5L, null, null))),
                config("hostname \"" + "h".repeat(65) + "\" is too long (maximum 64 bytes)", c -> c.hostname("h".repeat(65))),
                // mounts (--mount, -v, --tmpfs)
                host("invalid mount config for type \"bind\": bind source path does not exist: /missing",
                        b -> b.mounts(List.of(new Mount("bind", "/missing", "/x", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute",
                        b -> b.mounts(List.of(new Mount("bind", "rel", "/x", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": field Source must not be empty",
                        b -> b.mounts(List.of(new Mount("bind", null, "/x", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": field Target must not be empty",
                        b -> b.mounts(List.of(new Mount("bind", "/host", null, null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": invalid specification: destination can't be '/'",
                        b -> b.mounts(List.of(new Mount("bind", "/host", "/", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": invalid mount path: 'x' mount path must be absolute",
                        b -> b.mounts(List.of(new Mount("bind", "/host", "x", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": invalid propagation mode: rwhatever",
                        b -> b.mounts(List.of(new Mount("bind", "/host", "/x", null, null, new Mount.BindOptions("rwhatever", null), null, null)))),
                host("invalid mount config for type \"bind\": field VolumeOptions must not be specified",
                        b -> b.mounts(List.of(new Mount("bind", "/host", "/x", null, null, null, new Mount.VolumeOptions(true, null, null), null)))),
                host("invalid mount config for type \"tmpfs\": field Source must not be specified",
                        b -> b.mounts(List.of(new Mount("tmpfs", "/host", "/x", null, null, null, null, null)))),
                host("invalid mount config for type \"tmpfs\": field BindOptions must not be specified",
                        b -> b.mounts(List.of(new Mount("tmpfs", null, "/x", null, null, new Mount.BindOptions("rprivate", null), null, null)))),
                host("invalid mount config for type \"npipe\": mount type unknown",
                        b -> b.mounts(List.of(new Mount("npipe", "/host", "/x", null, null, null, null, null)))),
                host("invalid mount config for type \"bind\": bind source path does not exist: /missing",
                        b -> b.binds(List.of("/missing:/data"))),
                host("invalid volume specification: '/host:rw'", b -> b.binds(List.of("/host:rw"))),
                host("invalid volume specification: 'a:b:c:d'", b -> b.binds(List.of("a:b:c:d"))),
                host("invalid volume specification: ':/x'", b -> b.binds(List.of(":/x"))),
                host("invalid mode: rx", b -> b.binds(List.of("/host:/x:rx"))),
                host("invalid mode: ro,rw", b -> b.binds(List.of("/host:/x:ro,rw"))),
                host("invalid volume specification: '/host:/': invalid mount config for type \"bind\": invalid specification: destination can't be '/'",
                        b -> b.binds(List.of("/host:/"))),
                host("invalid volume specification: '/host:rel:ro': invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute",
                        b -> b.binds(List.of("/host:rel:ro"))),
                host("Duplicate mount point: /data", b -> b.binds(List.of("/host:/data", "/srv:/data/"))),
                host("Duplicate mount point: /data", b -> b.binds(List.of("/host:/data")).tmpfs(Map.of("/data", ""))),
                host("Duplicate mount point: /data", b -> b.binds(List.of("/host:/data"))
                        .mounts(List.of(new Mount("tmpfs", null, "/data", null, null, null, null, null)))),
                host("invalid specification: destination can't be '/'", b -> b.tmpfs(Map.of("/", ""))),
                host("invalid mount path: 'run' mount path must be absolute", b -> b.tmpfs(Map.of("run", ""))),
                host("Invalid tmpfs option [\"foo\"]", b -> b.tmpfs(Map.of("/run", "size=1m,foo"))),
                host("Invalid tmpfs option [\"bogus\" \"1\"]", b -> b.tmpfs(Map.of("/run", "bogus=1"))),
                // capabilities
                host("invalid CapAdd: unknown capability: \"CAP_FOO\"", b -> b.capAdd(List.of("foo"))),
                host("invalid CapDrop: unknown capability: \"CAP_NOPE\"", b -> b.capDrop(List.of("CAP_NOPE"))),
                // verifyPlatformContainerResources
                host("Minimum memory limit allowed is 6MB", b -> b.memory(6_291_455L)),
                host("Minimum memory limit allowed is 6MB", b -> b.memory(-1L)),
                host("Minimum memoryswap limit should be larger than memory limit, see usage", b -> b.memory(64L << 20).memorySwap(32L << 20)),
                host("You should always set the Memory limit when using Memoryswap limit, see usage", b -> b.memorySwap(64L << 20)),
                host("Invalid value: 101, valid memory swappiness range is 0-100", b -> b.memorySwappiness(101L)),
                host("Minimum memory reservation allowed is 6MB", b -> b.memoryReservation(1L << 20)),
                host("Minimum memory limit can not be less than memory reservation limit, see usage",
                        b -> b.memory(32L << 20).memoryReservation(64L << 20)),
                host("Minimum kernel memory limit allowed is 6MB", b -> b.kernelMemory(1L << 20)),
                host("Conflicting options: Nano CPUs and CPU Period cannot both be set", b -> b.nanoCpus(500_000_000L).cpuPeriod(100_000L)),
                host("Conflicting options: Nano CPUs and CPU Quota cannot both be set", b -> b.nanoCpus(500_000_000L).cpuQuota(50_000L)),
                host("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available", b -> b.nanoCpus(2_000_000_001L)),
                host("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available", b -> b.nanoCpus(-1L)),
                host("shares: invalid argument", b -> b.cpuShares(-2L)),
                host("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)", b -> b.cpuPeriod(999L)),
                host("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)", b -> b.cpuPeriod(1_000_001L)),
                host("CPU cfs quota can not be less than 1ms (i.e. 1000)", b -> b.cpuQuota(999L)),
                host("Invalid value 0-x for cpuset cpus: invalid format: 0-x", b -> b.cpusetCpus("0-x")),
                host("Invalid value 3-1 for cpuset cpus: invalid format: 3-1", b -> b.cpusetCpus("3-1")),
                host("Invalid value 9000 for cpuset cpus: value of out range, maximum is 8192", b -> b.cpusetCpus("9000")),
                host("Requested CPUs are not available - requested 0-2, available: 0-1", b -> b.cpusetCpus("0-2")),
                host("Requested memory nodes are not available - requested 1, available: 0", b -> b.cpusetMems("1")),
                host("Range of blkio weight is from 10 to 1000", b -> b.blkioWeight(9)),
                host("Range of blkio weight is from 10 to 1000", b -> b.blkioWeight(1001)),
                // verifyPlatformContainerSettings and modes
                host("invalid IPC mode: bogus", b -> b.ipcMode("bogus")),
                host("invalid IPC mode: container:", b -> b.ipcMode("container:")),
                host("invalid PID mode: bogus", b -> b.pidMode("bogus")),
                host("SHM size can not be less than 0", b -> b.shmSize(-1L)),
                host("invalid UTS mode: private", b -> b.utsMode("private")),
                host("invalid userns mode: private (only \"host\" or an empty mode is supported)", b -> b.usernsMode("private")),
                host("Invalid value 1001, range for oom score adj is [-1000, 1000]", b -> b.oomScoreAdj(1001)),
                host("Invalid value -1001, range for oom score adj is [-1000, 1000]", b -> b.oomScoreAdj(-1001)),
                host("invalid cgroup namespace mode: shared", b -> b.cgroupnsMode("shared")),
                host("Unknown runtime specified kata", b -> b.runtime("kata")),
                // command, security options, ulimits, device rules
                config("No command specified", c -> c.cmd(null).entrypoint(List.of(""))),
                host("invalid --security-opt 1: \"bogus\"", b -> b.securityOpt(List.of("bogus"))),
                host("invalid --security-opt 2: \"foo=bar\"", b -> b.securityOpt(List.of("foo=bar"))),
                host("invalid --security-opt 2: \"no-new-privileges=maybe\"", b -> b.securityOpt(List.of("no-new-privileges=maybe"))),
                host("invalid ulimit type: bogus", b -> b.ulimits(List.of(new Ulimit("bogus", 1L, 1L)))),
                host("ulimit soft limit must be less than or equal to hard limit: 200 > 100",
                        b -> b.ulimits(List.of(new Ulimit("nofile", 200L, 100L)))),
                host("invalid device cgroup rule format: 'c 1:3'", b -> b.deviceCgroupRules(List.of("c 1:3"))),
                host("invalid device cgroup rule format: 'x *:* rwm'", b -> b.deviceCgroupRules(List.of("x *:* rwm"))),
                host("could not select device driver \"\" with capabilities: [[gpu]]",
                        b -> b.deviceRequests(List.of(new DeviceRequest("", -1, null, List.of(List.of("gpu")), null)))),
                unsupported("named volumes are not supported yet: \"/cache\" asks for an anonymous volume", b -> b.binds(List.of("/cache"))),
                unsupported("--volumes-from is not supported yet (asked for web:ro)", b -> b.volumesFrom(List.of("web:ro"))),
                unsupported("seccomp profiles are not supported yet: only --security-opt seccomp=unconfined is accepted "
                        + "(got a profile \"/etc/profile.json\")", b -> b.securityOpt(List.of("seccomp=/etc/profile.json"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithDockersText(String expected, BerthException.Kind kind, CreateRequest request) {
        BerthException e = assertThrows(BerthException.class,
                () -> CreateValidator.validate(request, Fixtures.BUSYBOX, Fixtures.HOST, p -> Fixtures.HOST_PATHS.contains(p.toString())));
        assertEquals(expected, e.getMessage());
        assertEquals(kind, e.kind());
    }

    @Test
    void theCapturedBodiesPass() {
        for (String name : List.of("run-echo", "run-it-many-flags", "run-privileged", "run-network-host", "run-pid-host",
                "run-ipc-container", "run-network-container", "run-resources")) {
            assertDoesNotThrow(() -> CreateValidator.validate(body(name), Fixtures.BUSYBOX, Fixtures.HOST,
                    p -> Fixtures.HOST_PATHS.contains(p.toString())), name);
        }
    }

    @Test
    void cgroupV2HostRefusesRealtimeAndIgnoresSwappinessAndKernelMemory() {
        CreateRequest rt = Fixtures.withHost(body("run-echo"), b -> b.cpuRealtimeRuntime(1000L));
        HostInfo v2 = HostInfo.of(2, true);
        BerthException e = assertThrows(BerthException.class, () -> CreateValidator.validate(rt, null, v2, p -> true));
        assertEquals("Your kernel does not support CPU real-time scheduler", e.getMessage());
        CreateRequest discarded = Fixtures.withHost(body("run-echo"), b -> b.memorySwappiness(101L).kernelMemory(1L));
        assertDoesNotThrow(() -> CreateValidator.validate(discarded, null, v2, p -> true));
    }

    @Test
    void boundaryValuesPass() {
        CreateRequest r = Fixtures.withHost(body("run-echo"), b -> b.memory(6_291_456L).memorySwap(6_291_456L)
                .nanoCpus(2_000_000_000L).cpusetCpus("0-1").cpusetMems("0").blkioWeight(10).oomScoreAdj(-1000)
                .memorySwappiness(100L).ulimits(List.of(new Ulimit("nofile", -1L, -1L))));
        assertDoesNotThrow(() -> CreateValidator.validate(r, null, Fixtures.HOST, p -> true));
        CreateRequest stop = new CreateRequest(body("run-echo").config().toBuilder().stopSignal("SIGRTMIN+3").build(), null, null);
        assertDoesNotThrow(() -> CreateValidator.validate(stop, null, Fixtures.HOST, p -> true));
        CreateRequest stopNumber = new CreateRequest(body("run-echo").config().toBuilder().stopSignal("9").build(), null, null);
        assertDoesNotThrow(() -> CreateValidator.validate(stopNumber, null, Fixtures.HOST, p -> true));
    }

    /** Errors that need the host's devices surface from generate(). */
    @Test
    void deviceErrorsNameTheDevice() {
        CreateRequest missing = Fixtures.withHost(body("run-echo"), b -> b.devices(List.of(new DeviceMapping("/dev/nope", "/dev/nope", "rwm"))));
        BerthException e = assertThrows(BerthException.class, () -> SpecGenerator.generate(Fixtures.input(missing, ROOTFS).build()));
        assertEquals("error gathering device information while adding custom device \"/dev/nope\": no such file or directory",
                e.getMessage());
        CreateRequest notDevice = Fixtures.withHost(body("run-echo"), b -> b.devices(List.of(new DeviceMapping("/srv", "/dev/x", "rwm"))));
        e = assertThrows(BerthException.class, () -> SpecGenerator.generate(Fixtures.input(notDevice, ROOTFS).build()));
        assertEquals("error gathering device information while adding custom device \"/srv\": not a device node", e.getMessage());
        CreateRequest blkio = Fixtures.withHost(body("run-echo"), b -> b.blkioDeviceReadBps(List.of(new ThrottleDevice("/dev/sdz", 1L))));
        e = assertThrows(BerthException.class, () -> SpecGenerator.generate(Fixtures.input(blkio, ROOTFS).build()));
        assertEquals("stat /dev/sdz: no such file or directory", e.getMessage());
    }
}
