package dev.berth.runtime;

import dev.berth.oci.runtime.SpecDefaults;
import dev.berth.oci.runtime.State;
import java.util.Map;

/** A container as `state` and `list` show it. */
public record Container(String id, ContainerStatus status, int pid, String bundle, String rootfs,
                        String created, String owner, Map<String, String> annotations) {
    public State ociState() {
        return new State(SpecDefaults.OCI_VERSION, id, status.ociName(), status == ContainerStatus.STOPPED ? 0 : pid,
                bundle, rootfs, created, owner, annotations);
    }
}
