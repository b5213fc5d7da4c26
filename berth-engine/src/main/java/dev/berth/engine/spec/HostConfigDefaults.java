package dev.berth.engine.spec;

import dev.berth.engine.model.HostConfig;
import dev.berth.oci.runtime.SpecDefaults;
import java.util.List;

/**
 * The values dockerd fills into a HostConfig at create (api router SetDefaultNetModeIfBlank,
 * daemon adaptContainerSettings, create_unix.go), so inspect shows what the container really
 * gets. Idempotent: applying it to its own result changes nothing. Pure.
 */
public final class HostConfigDefaults {
    /** Docker's default /dev/shm size, 64 MiB. */
    public static final long DEFAULT_SHM_SIZE = 64L << 20;

    private HostConfigDefaults() {}

    /**
     * NetworkMode "" becomes "default"; MemorySwap twice Memory when Memory is set and MemorySwap
     * is not; ShmSize 64 MiB when 0; IpcMode "private" when empty; CgroupnsMode "private" on a
     * cgroup v2 host and "host" otherwise (a privileged container on v1 always "host");
     * OomKillDisable false when unset; MemorySwappiness -1 (the CLI's "unset") and a PidsLimit of 0
     * or less ("unlimited") become null; and,
     * unless privileged, MaskedPaths and ReadonlyPaths the defaults when null.
     *
     * @param hostConfig null counts as an empty HostConfig
     * @param defaultMaskedPaths the masked paths a container gets by default
     */
    public static HostConfig apply(HostConfig hostConfig, boolean cgroupV2, List<String> defaultMaskedPaths) {
        HostConfig hc = hostConfig == null ? HostConfig.builder().build() : hostConfig;
        HostConfig.Builder b = hc.toBuilder();
        boolean privileged = Boolean.TRUE.equals(hc.privileged());
        if (ConfigMerge.empty(hc.networkMode())) b.networkMode("default");
        long memory = value(hc.memory());
        if (memory > 0 && value(hc.memorySwap()) == 0) b.memorySwap(memory * 2);
        if (value(hc.shmSize()) == 0) b.shmSize(DEFAULT_SHM_SIZE);
        if (ConfigMerge.empty(hc.ipcMode())) b.ipcMode("private");
        if (ConfigMerge.empty(hc.cgroupnsMode())) b.cgroupnsMode(cgroupV2 ? "private" : "host");
        if (hc.oomKillDisable() == null) b.oomKillDisable(false);
        if (hc.memorySwappiness() != null && hc.memorySwappiness() == -1) b.memorySwappiness(null);
        // The API router's rule: 0 or less means "no limit", stored as none at all.
        if (hc.pidsLimit() != null && hc.pidsLimit() <= 0) b.pidsLimit(null);
        if (hc.maskedPaths() == null && !privileged) b.maskedPaths(defaultMaskedPaths);
        if (hc.readonlyPaths() == null && !privileged) b.readonlyPaths(SpecDefaults.DOCKER_READONLY_PATHS);
        return b.build();
    }

    static long value(Long v) {
        return v == null ? 0 : v;
    }

    static int value(Integer v) {
        return v == null ? 0 : v;
    }

    static boolean isTrue(Boolean v) {
        return Boolean.TRUE.equals(v);
    }
}
