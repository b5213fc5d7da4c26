package dev.berth.oci.runtime;

import java.util.Map;

/** The OCI runtime state, as `runc state` prints it. */
public record State(String ociVersion, String id, String status, int pid, String bundle,
                    String rootfs, String created, String owner, Map<String, String> annotations) {}
