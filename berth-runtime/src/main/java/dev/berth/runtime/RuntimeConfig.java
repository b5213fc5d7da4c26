package dev.berth.runtime;

import java.nio.file.Path;

/**
 * Where the runtime keeps state and finds its parts: the state root (runc's --root; default
 * /run/berth/runtime), the helper binary, the cgroupfs root, and the parent cgroup for containers
 * whose spec gives no cgroupsPath.
 */
public record RuntimeConfig(Path stateRoot, Path helper, Path cgroupRoot, String cgroupParent) {
    public static final Path DEFAULT_STATE_ROOT = Path.of("/run/berth/runtime");

    public static RuntimeConfig defaults(Path stateRoot) {
        return new RuntimeConfig(stateRoot == null ? DEFAULT_STATE_ROOT : stateRoot, null, Path.of("/sys/fs/cgroup"), "berth");
    }
}
