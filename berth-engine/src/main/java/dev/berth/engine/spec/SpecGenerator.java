package dev.berth.engine.spec;

import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.HostConfig;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecDefaults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Docker create request into the OCI spec dockerd 20.10 would give runc
 * (daemon/oci_linux.go createSpec over oci/defaults.go DefaultLinuxSpec). Pure: every host fact
 * comes from the {@link SpecInput}. As in dockerd's JSON, false flags (terminal, root.readonly,
 * noNewPrivileges) are left out rather than written as false.
 *
 * <p>Order of work: {@link CreateValidator} (dockerd's create-time checks), then Docker's
 * defaults ({@link HostConfigDefaults}) and the image merge ({@link ConfigMerge}), then the
 * process ({@link ProcessPlanner}), mounts ({@link MountPlanner}), namespaces
 * ({@link NamespacePlanner}), devices ({@link DevicePlanner}), resources
 * ({@link ResourcePlanner}), sysctls and masked paths.
 *
 * <p>Not done here (the engine's, or not supported yet): seccomp (no default profile is applied;
 * only "unconfined" is accepted), AppArmor and SELinux (accepted, ignored), named and anonymous
 * volumes including the image's VOLUMEs and Config.Volumes (ignored) and --volumes-from
 * (UNSUPPORTED), links' environment variables, the libnetwork prestart hook, user namespace
 * remapping, and the enumeration of host devices for --privileged.
 */
public final class SpecGenerator {
    /** Sysctls dockerd sets in a container's own network namespace when the kernel has them. */
    static final Map<String, String> DEFAULT_NET_SYSCTLS = orderedMap(
            "net.ipv4.ping_group_range", "0 2147483647",
            "net.ipv4.ip_unprivileged_port_start", "0");

    private SpecGenerator() {}

    public static Spec generate(SpecInput in) {
        CreateValidator.validate(in.request(), in.image(), in.host(), in.pathExists());
        HostConfig hc = HostConfigDefaults.apply(in.request().hostConfig(), in.host().cgroupV2(), in.defaultMaskedPaths());
        ContainerConfig merged = ConfigMerge.merge(in.request().config(), in.image());
        boolean privileged = HostConfigDefaults.isTrue(hc.privileged());
        String hostname = in.hostname() != null ? in.hostname()
                : !ConfigMerge.empty(merged.hostname()) ? merged.hostname() : in.containerId().substring(0, 12);

        boolean ownPid = !Modes.isHost(hc.pidMode()) && !Modes.isContainer(hc.pidMode());
        boolean withInit = HostConfigDefaults.isTrue(hc.init()) && ownPid;
        Spec.Mount initMount = null;
        if (withInit) {
            if (in.initBinary() == null) {
                throw Errors.unsupported("--init is not supported on this host: no init binary (docker-init or tini) is configured");
            }
            initMount = new Spec.Mount(ProcessPlanner.INIT_PATH, "bind", in.initBinary().toString(), List.of("bind", "ro"));
        }

        SecurityOpts security = SecurityOpts.parse(hc.securityOpt(), privileged);
        Spec.Process process = ProcessPlanner.plan(merged, hc, in.user(), hostname, withInit, security);
        MountPlanner.Plan mounts = MountPlanner.plan(hc, in.extraMounts(), in.pathExists(), initMount);
        List<Spec.Namespace> namespaces = NamespacePlanner.plan(hc, in.namespacePaths());
        DevicePlanner.Plan devices = DevicePlanner.plan(hc, in.devices(), in.pathExists());
        Spec.Resources resources = ResourcePlanner.plan(hc, devices.rules(),
                new ResourcePlanner.Devices(in.devices(), in.pathExists()), in.host().cgroupV2());

        // No hostname for the host's UTS namespace (dockerd clears it) nor for a joined one.
        boolean ownUts = !Modes.isHost(hc.utsMode()) && !in.namespacePaths().containsKey("uts");
        Spec.Linux linux = new Spec.Linux(
                null, null,
                sysctls(merged, hc, in),
                resources,
                in.cgroupsPath(),
                namespaces,
                devices.devices().isEmpty() ? null : devices.devices(),
                null,
                mounts.rootfsPropagation(),
                emptyToNull(hc.maskedPaths()),
                emptyToNull(hc.readonlyPaths()),
                null);
        return new Spec(SpecDefaults.OCI_VERSION, process,
                new Spec.Root(in.rootfs().toString(), HostConfigDefaults.isTrue(hc.readonlyRootfs()) ? Boolean.TRUE : null),
                ownUts ? hostname : null, null, mounts.mounts(), null, null, linux);
    }

    /**
     * A bind of one of the engine's network files (/etc/hosts, /etc/resolv.conf, /etc/hostname)
     * as dockerd mounts it: recursive, rprivate, read-only when the root filesystem is.
     */
    public static Spec.Mount networkFileMount(Path source, String destination, boolean readonlyRootfs) {
        return MountPlanner.bind(source.toString(), destination, readonlyRootfs, BindSpec.DEFAULT_PROPAGATION, true);
    }

    /**
     * The host directories dockerd creates (mkdir -p, 0755) for -v binds whose source is missing,
     * for an engine that wants Docker's behaviour; the generator itself refuses a missing source.
     */
    public static List<String> bindSourcesToCreate(HostConfig hostConfig) {
        return hostConfig == null ? List.of() : BindSpec.hostSources(hostConfig.binds());
    }

    /**
     * kernel.domainname for Config.Domainname (the spec's way to set it, as dockerd does), then
     * dockerd's default network sysctls when the container has its own network namespace, then
     * HostConfig.Sysctls over them.
     */
    private static Map<String, String> sysctls(ContainerConfig merged, HostConfig hc, SpecInput in) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!ConfigMerge.empty(merged.domainname())) out.put("kernel.domainname", merged.domainname());
        if (Modes.ownNetwork(hc.networkMode())) {
            DEFAULT_NET_SYSCTLS.forEach((k, v) -> {
                if (in.sysctlExists().test(k)) out.put(k, v);
            });
        }
        if (hc.sysctls() != null) out.putAll(hc.sysctls());
        return out.isEmpty() ? null : java.util.Collections.unmodifiableMap(out);
    }

    private static List<String> emptyToNull(List<String> l) {
        return l == null || l.isEmpty() ? null : List.copyOf(l);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
