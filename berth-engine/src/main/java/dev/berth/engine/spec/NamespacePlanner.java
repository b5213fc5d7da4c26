package dev.berth.engine.spec;

import dev.berth.engine.model.HostConfig;
import dev.berth.oci.runtime.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * linux.namespaces as Docker's WithNamespaces makes them: Docker's default list (mount, network,
 * uts, pid, ipc, all new) adjusted per mode. A "host" mode drops the type (the container stays in
 * the daemon's namespace), "container:X" joins X's, a private cgroupns mode adds a new cgroup
 * namespace. A path in namespacePaths is joined whatever the mode asked. Modes must have been
 * checked ({@link CreateValidator}).
 */
final class NamespacePlanner {
    private NamespacePlanner() {}

    /** @param hc a HostConfig with Docker's defaults applied ({@link HostConfigDefaults}) */
    static List<Spec.Namespace> plan(HostConfig hc, Map<String, String> paths) {
        List<Spec.Namespace> out = new ArrayList<>();
        out.add(new Spec.Namespace("mount", null));
        add(out, "network", hc.networkMode(), paths, "--network");
        add(out, "uts", hc.utsMode(), paths, "--uts");
        add(out, "pid", hc.pidMode(), paths, "--pid");
        add(out, "ipc", hc.ipcMode(), paths, "--ipc");
        if (paths.containsKey("cgroup") || "private".equals(hc.cgroupnsMode())) {
            out.add(new Spec.Namespace("cgroup", paths.get("cgroup")));
        }
        if (paths.containsKey("user")) out.add(new Spec.Namespace("user", paths.get("user")));
        return List.copyOf(out);
    }

    private static void add(List<Spec.Namespace> out, String type, String mode, Map<String, String> paths, String flag) {
        String path = paths.get(type);
        if (path != null) {
            out.add(new Spec.Namespace(type, path));
        } else if (Modes.isContainer(mode)) {
            throw Errors.precondition("cannot join the " + type + " namespace of container " + Modes.container(mode)
                    + " (" + flag + " " + mode + "): the engine gave no namespace path");
        } else if (!Modes.isHost(mode)) {
            out.add(new Spec.Namespace(type, null));
        }
    }
}
