package dev.berth.engine.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.HostConfig;

/**
 * A container as berthd keeps it (DATA_ROOT/containers/ID/config.v2.json, written atomically):
 * what it was created with, the image it came from, and its state. Values, replaced whole on change.
 */
public record ContainerRecord(
        @JsonProperty("ID") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") java.util.List<String> args,
        @JsonProperty("Image") String imageId,
        @JsonProperty("Config") ContainerConfig config,
        @JsonProperty("HostConfig") HostConfig hostConfig,
        @JsonProperty("State") ContainerState state,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("RootfsPath") String rootfsPath,
        @JsonProperty("HasBeenManuallyStopped") boolean manuallyStopped) {

    public ContainerRecord withState(ContainerState s) {
        return new ContainerRecord(id, name, created, path, args, imageId, config, hostConfig, s, restartCount, logPath, hostnamePath,
                hostsPath, resolvConfPath, rootfsPath, manuallyStopped);
    }

    public ContainerRecord withName(String n) {
        return new ContainerRecord(id, n, created, path, args, imageId, config, hostConfig, state, restartCount, logPath, hostnamePath,
                hostsPath, resolvConfPath, rootfsPath, manuallyStopped);
    }

    public ContainerRecord withRestart(int count, boolean manual) {
        return new ContainerRecord(id, name, created, path, args, imageId, config, hostConfig, state, count, logPath, hostnamePath,
                hostsPath, resolvConfPath, rootfsPath, manual);
    }

    public ContainerRecord withHostConfig(HostConfig h) {
        return new ContainerRecord(id, name, created, path, args, imageId, config, h, state, restartCount, logPath, hostnamePath,
                hostsPath, resolvConfPath, rootfsPath, manuallyStopped);
    }

    public boolean tty() {
        return config != null && Boolean.TRUE.equals(config.tty());
    }
}
