package dev.berth.engine.container;

import java.nio.file.Path;

/**
 * Where a container's files live: DATA_ROOT/containers/ID/{config.v2.json, ID-json.log, hostname,
 * hosts, resolv.conf, rootfs/} (rootfs is the mount point of its layers).
 */
public record ContainerPaths(Path root) {
    public Path dir(String id) { return root.resolve(id); }
    public Path record(String id) { return dir(id).resolve("config.v2.json"); }
    public Path log(String id) { return dir(id).resolve(id + "-json.log"); }
    public Path hostname(String id) { return dir(id).resolve("hostname"); }
    public Path hosts(String id) { return dir(id).resolve("hosts"); }
    public Path resolvConf(String id) { return dir(id).resolve("resolv.conf"); }
    public Path rootfs(String id) { return dir(id).resolve("rootfs"); }
}
