package dev.berth.engine.spec;

import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.image.model.ImageConfig;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The checks dockerd makes on a create request, with its messages (INVALID_ARGUMENT, or
 * UNSUPPORTED for what Berth cannot do yet): runconfig's decode-time checks (network and UTS mode
 * conflicts, isolation, QoS, realtime CPU), daemon/container.go verifyContainerSettings (working
 * directory, stop signal, env, healthcheck, mounts, capabilities) and daemon_unix.go
 * verifyPlatformContainerResources/Settings (memory, CPU, cpuset, blkio, shm, oom score, modes),
 * plus "No command specified" and the parsing of Binds, Tmpfs, SecurityOpt, Ulimits and device
 * cgroup rules. Restart policy, port bindings, DNS and extra hosts are the engine's and the
 * network's to check. Pure apart from the pathExists look-up.
 */
public final class CreateValidator {
    static final long MIN_MEMORY = 6L << 20;
    private static final long MIN_DURATION_NANOS = 1_000_000;
    private static final int MAX_HOSTNAME_LEN = 64;

    private CreateValidator() {}

    /**
     * Throws a BerthException naming the first problem, in dockerd's order.
     *
     * @param image the image's config, or null
     * @param pathExists whether a host path exists (bind sources)
     */
    public static void validate(CreateRequest request, ImageConfig.Config image, HostInfo host, Predicate<Path> pathExists) {
        ContainerConfig c = request.config();
        HostConfig hc = request.hostConfig() == null ? HostConfig.builder().build() : request.hostConfig();
        checkNetworkMode(c, hc);
        checkIsolationAndQos(hc);
        checkRealtime(hc, host);
        checkConfig(c);
        MountPlanner.validate(hc, pathExists);
        CapabilityPlanner.validate(hc.capAdd(), hc.capDrop());
        checkResources(hc, host);
        checkSettings(hc);
        ConfigMerge.args(ConfigMerge.merge(c, image));
        SecurityOpts.parse(hc.securityOpt(), HostConfigDefaults.isTrue(hc.privileged()));
        ProcessPlanner.rlimits(hc.ulimits());
        DevicePlanner.validate(hc);
        if (hc.volumesFrom() != null && !hc.volumesFrom().isEmpty()) {
            throw Errors.unsupported("--volumes-from is not supported yet (asked for " + String.join(", ", hc.volumesFrom()) + ")");
        }
    }

    /** runconfig validateNetMode and validateNetContainerMode. */
    private static void checkNetworkMode(ContainerConfig c, HostConfig hc) {
        String net = hc.networkMode() == null ? "" : hc.networkMode();
        boolean container = Modes.isContainer(net);
        if (net.split(":", -1)[0].equals("container") && (!net.contains(":") || Modes.container(net).isEmpty())) {
            throw Errors.invalid("Invalid network mode: invalid container format container:<name|id>");
        }
        boolean hostname = !ConfigMerge.empty(c.hostname());
        if (container && hostname) throw Errors.invalid("conflicting options: hostname and the network mode");
        if (container && notEmpty(hc.links())) {
            throw Errors.invalid("conflicting options: container type network can't be used with links. "
                    + "This would result in undefined behavior");
        }
        if (container && notEmpty(hc.dns())) throw Errors.invalid("conflicting options: dns and the network mode");
        if (container && notEmpty(hc.extraHosts())) {
            throw Errors.invalid("conflicting options: custom host-to-IP mapping and the network mode");
        }
        if ((container || Modes.isHost(net)) && !ConfigMerge.empty(c.macAddress())) {
            throw Errors.invalid("conflicting options: mac-address and the network mode");
        }
        if (container && ((hc.portBindings() != null && !hc.portBindings().isEmpty()) || HostConfigDefaults.isTrue(hc.publishAllPorts()))) {
            throw Errors.invalid("conflicting options: port publishing and the container type network mode");
        }
        if (container && c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
            throw Errors.invalid("conflicting options: port exposing and the container type network mode");
        }
        if (Modes.isHost(hc.utsMode()) && hostname) throw Errors.invalid("conflicting options: hostname and the UTS mode");
        if (Modes.isHost(net) && notEmpty(hc.links())) {
            throw Errors.invalid("conflicting options: host type networking can't be used with links. "
                    + "This would result in undefined behavior");
        }
    }

    private static void checkIsolationAndQos(HostConfig hc) {
        String iso = hc.isolation() == null ? "" : hc.isolation();
        if (!iso.isEmpty() && !iso.toLowerCase(Locale.ROOT).equals("default")) {
            throw Errors.invalid("Invalid isolation: " + GoText.quote(iso) + " - linux only supports 'default'");
        }
        if (HostConfigDefaults.value(hc.ioMaximumBandwidth()) != 0) {
            throw Errors.invalid("Invalid QoS settings: linux does not support configuration of maximum bandwidth");
        }
        if (HostConfigDefaults.value(hc.ioMaximumIOps()) != 0) {
            throw Errors.invalid("Invalid QoS settings: linux does not support configuration of maximum IOPs");
        }
    }

    /** runconfig validateResources: realtime CPU needs the v1 cpu.rt_* files, which cgroup v2 lacks. */
    private static void checkRealtime(HostConfig hc, HostInfo host) {
        long period = HostConfigDefaults.value(hc.cpuRealtimePeriod());
        long runtime = HostConfigDefaults.value(hc.cpuRealtimeRuntime());
        if ((period != 0 || runtime != 0) && host.cgroupV2()) {
            throw Errors.invalid("Your kernel does not support CPU real-time scheduler");
        }
        if (period != 0 && runtime != 0 && runtime > period) {
            throw Errors.invalid("cpu real-time runtime cannot be higher than cpu real-time period");
        }
    }

    /** daemon/container.go validateContainerConfig. */
    private static void checkConfig(ContainerConfig c) {
        String wd = c.workingDir();
        if (wd != null && !wd.isEmpty() && !wd.startsWith("/")) {
            throw Errors.invalid("the working directory '" + wd + "' is invalid, it needs to be an absolute path");
        }
        StopSignals.check(c.stopSignal());
        for (String env : c.env() == null ? List.<String>of() : c.env()) {
            if (env == null || env.split("=", 2)[0].isEmpty()) {
                throw Errors.invalid("invalid environment variable: " + (env == null ? "" : env));
            }
        }
        ImageConfig.Healthcheck h = c.healthcheck();
        if (h != null) {
            if (tooShort(h.interval())) throw Errors.invalid("Interval in Healthcheck cannot be less than 1ms");
            if (tooShort(h.timeout())) throw Errors.invalid("Timeout in Healthcheck cannot be less than 1ms");
            if (h.retries() != null && h.retries() < 0) throw Errors.invalid("Retries in Healthcheck cannot be negative");
            if (tooShort(h.startPeriod())) throw Errors.invalid("StartPeriod in Healthcheck cannot be less than 1ms");
        }
        if (c.hostname() != null && c.hostname().length() > MAX_HOSTNAME_LEN) {
            throw Errors.invalid("hostname " + GoText.quote(c.hostname()) + " is too long (maximum "
                    + MAX_HOSTNAME_LEN + " bytes)");
        }
    }

    private static boolean tooShort(Long nanos) {
        return nanos != null && nanos != 0 && nanos < MIN_DURATION_NANOS;
    }

    /** daemon_unix.go verifyPlatformContainerResources, with cgroup v2's sysinfo where it matters. */
    private static void checkResources(HostConfig hc, HostInfo host) {
        long memory = HostConfigDefaults.value(hc.memory());
        long swap = HostConfigDefaults.value(hc.memorySwap());
        if (memory != 0 && memory < MIN_MEMORY) throw Errors.invalid("Minimum memory limit allowed is 6MB");
        if (memory > 0 && swap > 0 && swap < memory) {
            throw Errors.invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (memory == 0 && swap > 0) {
            throw Errors.invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        Long swappiness = hc.memorySwappiness();
        if (swappiness != null && swappiness != -1 && !host.cgroupV2() && (swappiness < 0 || swappiness > 100)) {
            throw Errors.invalid("Invalid value: " + swappiness + ", valid memory swappiness range is 0-100");
        }
        long reservation = HostConfigDefaults.value(hc.memoryReservation());
        if (reservation > 0 && reservation < MIN_MEMORY) throw Errors.invalid("Minimum memory reservation allowed is 6MB");
        if (memory > 0 && reservation > 0 && memory < reservation) {
            throw Errors.invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        long kernel = HostConfigDefaults.value(hc.kernelMemory());
        if (!host.cgroupV2() && kernel > 0 && kernel < MIN_MEMORY) {
            throw Errors.invalid("Minimum kernel memory limit allowed is 6MB");
        }
        long nano = HostConfigDefaults.value(hc.nanoCpus());
        long period = HostConfigDefaults.value(hc.cpuPeriod());
        long quota = HostConfigDefaults.value(hc.cpuQuota());
        if (nano > 0 && period > 0) throw Errors.invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (nano > 0 && quota > 0) throw Errors.invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        int cpus = host.onlineCpus();
        if (nano < 0 || nano > cpus * 1_000_000_000L) {
            throw Errors.invalid("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only " + cpus + " CPUs available");
        }
        if (HostConfigDefaults.value(hc.cpuShares()) < 0) throw Errors.invalid("shares: invalid argument");
        if (period != 0 && (period < 1000 || period > 1_000_000)) {
            throw Errors.invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (quota > 0 && quota < 1000) throw Errors.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        checkCpuset(hc.cpusetCpus(), host.availableCpus(), "cpus", "Requested CPUs are not available");
        checkCpuset(hc.cpusetMems(), host.availableMems(), "mems", "Requested memory nodes are not available");
        int weight = HostConfigDefaults.value(hc.blkioWeight());
        if (weight > 0 && (weight < 10 || weight > 1000)) throw Errors.invalid("Range of blkio weight is from 10 to 1000");
    }

    private static void checkCpuset(String requested, String available, String what, String notAvailable) {
        if (requested == null || requested.isEmpty()) return;
        BitSet have = CpusetList.parse(available, 0);
        int max = Math.max(8192, have.length() - 1);
        BitSet want;
        try {
            want = CpusetList.parse(requested, max);
        } catch (RuntimeException e) {
            throw Errors.invalid("Invalid value " + requested + " for cpuset " + what + ": " + e.getMessage());
        }
        BitSet missing = (BitSet) want.clone();
        missing.andNot(have);
        if (!missing.isEmpty()) {
            throw Errors.invalid(notAvailable + " - requested " + requested + ", available: " + available);
        }
    }

    /** daemon_unix.go verifyPlatformContainerSettings and the namespace modes. */
    private static void checkSettings(HostConfig hc) {
        if (!Modes.validIpc(hc.ipcMode())) throw Errors.invalid("invalid IPC mode: " + hc.ipcMode());
        if (!Modes.validPid(hc.pidMode())) throw Errors.invalid("invalid PID mode: " + hc.pidMode());
        if (HostConfigDefaults.value(hc.shmSize()) < 0) throw Errors.invalid("SHM size can not be less than 0");
        if (!Modes.validHostOrEmpty(hc.utsMode())) throw Errors.invalid("invalid UTS mode: " + hc.utsMode());
        if (!Modes.validHostOrEmpty(hc.usernsMode())) {
            throw Errors.invalid("invalid userns mode: " + hc.usernsMode() + " (only \"host\" or an empty mode is supported)");
        }
        int oom = HostConfigDefaults.value(hc.oomScoreAdj());
        if (oom < -1000 || oom > 1000) {
            throw Errors.invalid("Invalid value " + oom + ", range for oom score adj is [-1000, 1000]");
        }
        if (!Modes.validCgroupns(hc.cgroupnsMode())) {
            throw Errors.invalid("invalid cgroup namespace mode: " + hc.cgroupnsMode());
        }
        String runtime = hc.runtime();
        if (runtime != null && !runtime.isEmpty() && !runtime.equals("runc")) {
            throw Errors.invalid("Unknown runtime specified " + runtime);
        }
    }

    private static boolean notEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }
}
