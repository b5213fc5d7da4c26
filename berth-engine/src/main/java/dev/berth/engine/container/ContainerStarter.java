package dev.berth.engine.container;

import dev.berth.common.BerthException;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.HostConfig;
import dev.berth.engine.spec.ConfigMerge;
import dev.berth.engine.spec.CreateValidator;
import dev.berth.engine.spec.HostInfo;
import dev.berth.engine.spec.SpecGenerator;
import dev.berth.engine.spec.SpecInput;
import dev.berth.image.model.ImageConfig;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.launch.IoOptions;
import dev.berth.runtime.user.UserResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns a created container into a running one: mounts its layers, resolves its user in its own
 * /etc/passwd, generates the OCI spec, and has the runtime create and start it with its output
 * going to the json-file log. Clients that attached before the start are connected between the
 * runtime's create and start, so they miss no output.
 */
public final class ContainerStarter {
    private final ContainerRuntime runtime;
    private final ImageAccess images;
    private final ContainerPaths paths;
    private final HostInfo host;
    private final String cgroupParent;
    private final dev.berth.engine.network.Sandboxes sandboxes;
    private final Map<String, List<PendingAttach>> pending = new HashMap<>();

    /** Other containers, for the container:NAME namespace modes. */
    @FunctionalInterface
    public interface Peers {
        ContainerRecord find(String ref);
    }

    /** An attach waiting for the container's monitor. */
    public static final class PendingAttach {
        final CompletableFuture<Path> monitorDir = new CompletableFuture<>();
        final CountDownLatch connected = new CountDownLatch(1);

        public Path awaitMonitor() throws Exception {
            return monitorDir.get();
        }

        public void connected() {
            connected.countDown();
        }
    }

    public ContainerStarter(ContainerRuntime runtime, ImageAccess images, ContainerPaths paths, HostInfo host, String cgroupParent,
                            dev.berth.engine.network.Sandboxes sandboxes) {
        this.runtime = runtime;
        this.sandboxes = sandboxes;
        this.images = images;
        this.paths = paths;
        this.host = host;
        this.cgroupParent = cgroupParent;
    }

    public dev.berth.engine.network.Sandboxes sandboxes() {
        return sandboxes;
    }

    boolean cgroupV2() {
        return host.cgroupV2();
    }

    List<String> validate(CreateRequest req, ImageConfig image) {
        ImageConfig.Config ic = image == null ? null : image.config();
        CreateValidator.validate(req, ic, host, Files::exists);
        dev.berth.engine.logs.LogRotation.of(req.hostConfig() == null ? null : req.hostConfig().logConfig());
        ContainerConfig merged = ConfigMerge.merge(req.config(), ic);
        ConfigMerge.args(merged);
        String mode = networkMode(req.hostConfig());
        List<String> warnings = new ArrayList<>();
        HostConfig hc = req.hostConfig();
        if (mode.equals("host") && hc != null && (hc.portBindings() != null && !hc.portBindings().isEmpty()))
            warnings.add("Published ports are discarded when using host network mode");
        return warnings;
    }

    /** Create: the networks the container belongs to (checked: they exist, the endpoint settings fit). */
    void registerNetworks(String id, CreateRequest req) {
        HostConfig hc = req.hostConfig();
        var eps = req.networkingConfig() == null ? null : req.networkingConfig().endpointsConfig();
        sandboxes.register(id, hc == null ? null : hc.networkMode(), eps, req.config().macAddress());
    }

    void forgetNetworks(String id) {
        sandboxes.forget(id);
    }

    /** What the network service builds the container's sandbox and files from. */
    public dev.berth.engine.network.SandboxSpec sandboxSpec(ContainerRecord r) {
        HostConfig hc = r.hostConfig() == null ? HostConfig.builder().build() : r.hostConfig();
        ImageConfig image = images.resolve(r.imageId()).config();
        ContainerConfig merged = ConfigMerge.merge(r.config(), image == null ? null : image.config());
        String hostname;
        try {
            hostname = Files.readString(paths.hostname(r.id())).strip();
        } catch (IOException e) {
            hostname = r.id().substring(0, 12);
        }
        java.util.Set<String> exposed = merged.exposedPorts() == null ? java.util.Set.of() : merged.exposedPorts().keySet();
        return new dev.berth.engine.network.SandboxSpec(r.id(), hostname, r.config().domainname(), hc.dns(), hc.dnsSearch(),
                hc.dnsOptions(), hc.extraHosts(), hc.links(), hc.portBindings(), Boolean.TRUE.equals(hc.publishAllPorts()), exposed,
                paths.hosts(r.id()), paths.resolvConf(r.id()));
    }

    static String hostHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static String networkMode(HostConfig hc) {
        String m = hc == null || hc.networkMode() == null ? "" : hc.networkMode();
        return m.isEmpty() ? "default" : m;
    }

    /** Fills Path and Args as inspect shows them. */
    ContainerRecord describe(ContainerRecord r, ImageConfig image) {
        ContainerConfig merged = ConfigMerge.merge(r.config(), image == null ? null : image.config());
        List<String> args = ConfigMerge.args(merged);
        return new ContainerRecord(r.id(), r.name(), r.created(), args.get(0), args.subList(1, args.size()), r.imageId(), r.config(),
                r.hostConfig(), r.state(), r.restartCount(), r.logPath(), r.hostnamePath(), r.hostsPath(), r.resolvConfPath(),
                r.rootfsPath(), r.manuallyStopped());
    }

    void writeNetworkFiles(ContainerRecord r, String hostname) {
        try {
            Files.writeString(paths.hostname(r.id()), hostname + "\n");
            String mode = networkMode(r.hostConfig());
            if (mode.equals("host")) {
                Files.copy(Path.of("/etc/hosts"), paths.hosts(r.id()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(Path.of("/etc/resolv.conf"), paths.resolvConf(r.id()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(paths.hosts(r.id()), "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                        + "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
                Files.writeString(paths.resolvConf(r.id()), ResolvConf.forContainer(readHostResolvConf()));
            }
        } catch (IOException e) {
            throw BerthException.internal("write network files of " + r.id() + ": " + e.getMessage(), e);
        }
    }

    private static String readHostResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public synchronized PendingAttach attachBeforeStart(String id) {
        PendingAttach p = new PendingAttach();
        pending.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(p);
        return p;
    }

    private synchronized List<PendingAttach> takePending(String id) {
        List<PendingAttach> l = pending.remove(id);
        return l == null ? List.of() : l;
    }

    /** Starts the container; returns its init's pid. */
    int start(ContainerRecord r, Peers peers) {
        Path rootfs = paths.rootfs(r.id());
        try {
            Files.createDirectories(rootfs);
        } catch (IOException e) {
            throw BerthException.internal("create " + rootfs + ": " + e.getMessage(), e);
        }
        images.mount(r.id(), rootfs);
        boolean created = false;
        boolean networked = false;
        try {
            ImageConfig image = images.resolve(r.imageId()).config();
            ImageConfig.Config ic = image == null ? null : image.config();
            CreateRequest req = new CreateRequest(r.config(), r.hostConfig(), null);
            ContainerConfig merged = ConfigMerge.merge(r.config(), ic);
            HostConfig hc = r.hostConfig() == null ? HostConfig.builder().build() : r.hostConfig();
            UserResolver.ExecUser user = UserResolver.resolve(rootfs, merged.user(), hc.groupAdd());
            String hostname = Files.readString(paths.hostname(r.id())).strip();
            boolean ro = Boolean.TRUE.equals(hc.readonlyRootfs());
            String parent = hc.cgroupParent() != null && !hc.cgroupParent().isEmpty() ? hc.cgroupParent() : cgroupParent;
            SpecInput.Builder in = SpecInput.builder(r.id(), req, rootfs, user, host)
                    .image(ic)
                    .hostname(hostname)
                    .cgroupsPath("/" + parent.replaceAll("^/+", "") + "/" + r.id());
            String filesOf = r.id();
            for (String[] ns : new String[][] {{"network", hc.networkMode()}, {"ipc", hc.ipcMode()}, {"pid", hc.pidMode()}, {"uts", hc.utsMode()}}) {
                if (ns[1] == null || !ns[1].startsWith("container:")) continue;
                ContainerRecord peer = runningPeer(peers, ns[1].substring("container:".length()), ns[0]);
                in.namespacePath(ns[0], "/proc/" + peer.state().pid() + "/ns/" + (ns[0].equals("network") ? "net" : ns[0]));
                if (ns[0].equals("network")) filesOf = peer.id();
            }
            String mode = networkMode(hc);
            if (dev.berth.engine.network.Sandboxes.ownsSandbox(dev.berth.engine.network.Sandboxes.mode(hc.networkMode()))) {
                Path netns = sandboxes.setUp(sandboxSpec(r));
                networked = true;
                in.namespacePath("network", netns.toString());
            }
            in.extraMount(SpecGenerator.networkFileMount(paths.resolvConf(filesOf), "/etc/resolv.conf", ro))
                    .extraMount(SpecGenerator.networkFileMount(paths.hostname(r.id()), "/etc/hostname", ro))
                    .extraMount(SpecGenerator.networkFileMount(paths.hosts(filesOf), "/etc/hosts", ro));
            // --init: the helper binary is also a minimal docker-init (its `init` mode).
            if (Boolean.TRUE.equals(hc.init())) in.initBinary(dev.berth.runtime.launch.SealedHelper.locate().toAbsolutePath());
            Spec spec = SpecGenerator.generate(in.build());
            if (mode.equals("none")) spec = withLoopbackUp(spec);
            boolean tty = r.tty();
            boolean openStdin = Boolean.TRUE.equals(r.config().openStdin());
            boolean stdinOnce = Boolean.TRUE.equals(r.config().stdinOnce());
            dev.berth.engine.logs.LogRotation rot = dev.berth.engine.logs.LogRotation.of(hc.logConfig());
            IoOptions io = IoOptions.log(logPath(r, hc), openStdin, stdinOnce).withLogRotation(rot.maxSize(), rot.maxFiles());
            runtime.create(r.id(), paths.dir(r.id()), spec, io);
            created = true;
            connectPending(r.id());
            runtime.start(r.id());
            return runtime.state(r.id()).pid();
        } catch (IOException e) {
            cleanupAfterFailedStart(r, created, networked);
            throw BerthException.internal("start " + r.id() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanupAfterFailedStart(r, created, networked);
            failPending(r.id(), e);
            throw e;
        }
    }

    /** The container's health check (its own, else its image's), or null. */
    dev.berth.engine.health.HealthConfig healthConfig(ContainerRecord r) {
        try {
            ImageConfig image = images.resolve(r.imageId()).config();
            ContainerConfig merged = ConfigMerge.merge(r.config(), image == null ? null : image.config());
            return dev.berth.engine.health.HealthConfig.of(merged.healthcheck());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The json-file log, or none for the "none" driver (the monitor then only serves attach). */
    private Path logPath(ContainerRecord r, HostConfig hc) {
        if (hc.logConfig() != null && "none".equals(hc.logConfig().type())) return null;
        return paths.log(r.id());
    }

    private static Spec withLoopbackUp(Spec spec) {
        Map<String, String> a = new HashMap<>(spec.annotations() == null ? Map.of() : spec.annotations());
        a.put(dev.berth.runtime.launch.PlanBuilder.LOOPBACK_ANNOTATION, "up");
        return new Spec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.domainname(), spec.mounts(),
                spec.hooks(), a, spec.linux());
    }

    private void connectPending(String id) {
        for (PendingAttach p : takePending(id)) {
            p.monitorDir.complete(runtime.config().stateRoot().resolve(id));
            try {
                p.connected.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failPending(String id, RuntimeException e) {
        for (PendingAttach p : takePending(id)) p.monitorDir.completeExceptionally(e);
    }

    private ContainerRecord runningPeer(Peers peers, String ref, String type) {
        ContainerRecord peer = peers.find(ref);
        if (peer == null) throw BerthException.notFound("No such container: %s", ref);
        if (!peer.state().running() || peer.state().pid() <= 0)
            throw BerthException.conflict("cannot join %s of a non running container: %s", type.equals("network") ? "network" : type + " namespace", ref);
        return peer;
    }

    private void cleanupAfterFailedStart(ContainerRecord r, boolean created, boolean networked) {
        try {
            if (created) runtime.delete(r.id(), true);
        } catch (RuntimeException ignored) {
            // nothing to delete
        }
        if (networked) {
            try {
                sandboxes.tearDown(r.id());
            } catch (RuntimeException ignored) {
                // best effort; a restart reconciles
            }
        }
        try {
            images.unmount(r.id(), paths.rootfs(r.id()));
        } catch (RuntimeException ignored) {
            // not mounted
        }
    }

    /** After an exit (or before rm): the runtime's container and the rootfs mount go. */
    void cleanup(ContainerRecord r) {
        try {
            runtime.delete(r.id(), true);
        } catch (BerthException e) {
            if (e.kind() != BerthException.Kind.NOT_FOUND) throw e;
        } finally {
            // Whatever the runtime says, the address, ports, DNS and netns must not outlive the process.
            sandboxes.tearDown(r.id());
        }
        images.unmount(r.id(), paths.rootfs(r.id()));
    }
}
