package dev.berth.runtime;

import dev.berth.cgroups.CgroupManager;
import dev.berth.cgroups.CgroupMode;
import dev.berth.cgroups.Cgroups;
import dev.berth.common.BerthException;
import dev.berth.oci.runtime.Spec;
import dev.berth.oci.runtime.SpecValidator;
import dev.berth.runtime.launch.IoOptions;
import dev.berth.runtime.launch.LaunchPlan;
import dev.berth.runtime.launch.LaunchResult;
import dev.berth.runtime.launch.Launcher;
import dev.berth.runtime.launch.PlanBuilder;
import dev.berth.runtime.launch.SealedHelper;
import dev.berth.runtime.state.ContainerRecord;
import dev.berth.runtime.state.ProcFs;
import dev.berth.runtime.state.StateDir;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The container runtime as a library, for the daemon to call in-process and for `berth runtime`.
 * Verbs follow runc: create (the init waits before the user's program), start, state, kill,
 * pause/resume, update, exec, ps, wait, delete. State lives under the state root and survives the
 * JVM; each container's process is the child of its own monitor (berth-nsexec).
 *
 * <pre>{@code
 * ContainerRuntime rt = new ContainerRuntime(RuntimeConfig.defaults(null));
 * rt.create("c1", bundle, IoOptions.nullIo());
 * rt.start("c1");
 * ExitStatus st = rt.waitExit("c1", null);
 * rt.delete("c1", false);
 * }</pre>
 */
public final class ContainerRuntime {
    private static final Pattern ID = Pattern.compile("^[\\w+\\-.]+$");

    private final RuntimeConfig config;
    private final CgroupMode cgroupMode;
    private volatile Launcher launcher;

    public ContainerRuntime(RuntimeConfig config) {
        this.config = config;
        this.cgroupMode = Cgroups.detect(config.cgroupRoot());
    }

    public RuntimeConfig config() {
        return config;
    }

    private Launcher launcher() {
        Launcher l = launcher;
        if (l == null) {
            synchronized (this) {
                if (launcher == null)
                    launcher = new Launcher(SealedHelper.of(config.helper() != null ? config.helper() : SealedHelper.locate()));
                l = launcher;
            }
        }
        return l;
    }

    private StateDir dir(String id) {
        if (id == null || !ID.matcher(id).matches())
            throw BerthException.invalid("invalid container id format: %s", id);
        return new StateDir(config.stateRoot().resolve(id));
    }

    private StateDir existing(String id) {
        StateDir d = dir(id);
        if (!Files.isRegularFile(d.stateFile())) throw BerthException.notFound("container %s does not exist", id);
        return d;
    }

    private CgroupManager cgroup(String cgroupsPath) {
        return Cgroups.manager(config.cgroupRoot(), cgroupMode, cgroupsPath);
    }

    /** Creates the container from bundle/config.json; its init is ready and waits for {@link #start}. */
    public Container create(String id, Path bundle, IoOptions io) {
        Spec spec = SpecValidator.load(bundle);
        return create(id, bundle, spec, io);
    }

    public Container create(String id, Path bundle, Spec spec, IoOptions io) {
        SpecValidator.validate(spec, bundle);
        StateDir d = dir(id);
        try {
            Files.createDirectories(config.stateRoot());
            Files.createDirectory(d.path());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "container with id exists: " + id);
        } catch (IOException e) {
            throw BerthException.internal("create state dir " + d.path() + ": " + e.getMessage(), e);
        }
        String cgroupsPath = spec.linux() != null && spec.linux().cgroupsPath() != null && !spec.linux().cgroupsPath().isEmpty()
                ? spec.linux().cgroupsPath() : "/" + config.cgroupParent() + "/" + id;
        CgroupManager cg = null;
        try {
            d.saveSpec(spec);
            cg = cgroup(cgroupsPath);
            Spec.Resources resources = spec.linux() == null ? null : spec.linux().resources();
            // v1 enforces device rules; v2 cannot without eBPF and would refuse the added ones (DeviceRules.checkV2)
            if (cgroupMode.usesV1() && resources != null) resources = DeviceRuleDefaults.apply(resources, spec.linux().devices());
            cg.create(resources);
            boolean privateCgroupNs = spec.linux() != null && spec.linux().namespaces() != null
                    && spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("cgroup") && (n.path() == null || n.path().isEmpty()));
            boolean wantsCgroupMount = spec.mounts() != null && spec.mounts().stream().anyMatch(m -> "cgroup".equals(m.type()));
            Path rootfs = bundle.toAbsolutePath().resolve(spec.root().path()).normalize();
            LaunchPlan plan = PlanBuilder.init(HomeEnv.apply(spec, rootfs), new PlanBuilder.Context(bundle.toAbsolutePath(), cg.procsFiles(),
                    wantsCgroupMount ? cg.containerView(privateCgroupNs) : List.of(), d.execFifo(), io));
            LaunchResult r = launcher().launch(d.path(), plan, io);
            ContainerRecord rec = new ContainerRecord(id, bundle.toAbsolutePath().toString(),
                    rootfs.toString(), Instant.now().toString(), "root",
                    spec.annotations() == null ? Map.of() : spec.annotations(), r.monitorPid(), ProcFs.startTime(r.monitorPid()),
                    r.pid(), ProcFs.startTime(r.pid()), cgroupsPath, cgroupMode.name());
            d.save(rec);
            return view(d, rec);
        } catch (RuntimeException e) {
            if (cg != null) {
                try {
                    cg.destroy();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            d.removeAll();
            throw e;
        }
    }

    /** Lets the created init exec the user's program. */
    public void start(String id) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        ContainerStatus s = status(d, rec);
        if (!s.canStart()) throw BerthException.conflict("cannot start a container that has %s", s == ContainerStatus.STOPPED ? "stopped" : "already been started");
        releaseGate(d.execFifo(), id);
    }

    public Container state(String id) {
        StateDir d = existing(id);
        return view(d, d.record());
    }

    public List<Container> list() {
        List<Container> out = new ArrayList<>();
        if (!Files.isDirectory(config.stateRoot())) return out;
        try (var s = Files.list(config.stateRoot())) {
            for (Path p : s.sorted().toList()) {
                StateDir d = new StateDir(p);
                if (!Files.isRegularFile(d.stateFile())) continue;
                try {
                    out.add(view(d, d.record()));
                } catch (BerthException e) {
                    // a container being deleted right now
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("list " + config.stateRoot() + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Container view(StateDir d, ContainerRecord rec) {
        return new Container(rec.id(), status(d, rec), rec.pid(), rec.bundle(), rec.rootfs(), rec.created(), rec.owner(), rec.annotations());
    }

    private ContainerStatus status(StateDir d, ContainerRecord rec) {
        if (Files.exists(d.exitFile()) || !ProcFs.isSame(rec.pid(), rec.pidStart())) return ContainerStatus.STOPPED;
        if (Files.exists(d.execFifo())) return ContainerStatus.CREATED;
        if (cgroup(rec.cgroupsPath()).frozen()) return ContainerStatus.PAUSED;
        return ContainerStatus.RUNNING;
    }

    /** Sends a signal to the init, or with all to every process of the container's cgroup. */
    public void kill(String id, int signal, boolean all) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        ContainerStatus s = status(d, rec);
        if (!s.canKill()) throw BerthException.conflict("container not running");
        if (all) {
            for (int pid : cgroup(rec.cgroupsPath()).pids()) signal(pid, signal);
            return;
        }
        signal(rec.pid(), signal);
    }

    private static void signal(int pid, int signal) {
        try {
            int pidfd = Libc.pidfdOpen(pid);
            try {
                Libc.pidfdSendSignal(pidfd, signal);
            } finally {
                Libc.close(pidfd);
            }
        } catch (Errno e) {
            if (e.errno() != Errno.ESRCH) throw BerthException.internal("kill " + pid + ": " + e.getMessage(), e);
        }
    }

    public void pause(String id) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        ContainerStatus s = status(d, rec);
        if (!s.canPause()) throw BerthException.conflict("container %s is not running", id);
        cgroup(rec.cgroupsPath()).freeze(true);
    }

    public void resume(String id) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        if (status(d, rec) != ContainerStatus.PAUSED) throw BerthException.conflict("container %s is not paused", id);
        cgroup(rec.cgroupsPath()).freeze(false);
    }

    /** Changes resources of a live container and records them in its spec. */
    public void update(String id, Spec.Resources resources) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        if (status(d, rec) == ContainerStatus.STOPPED) throw BerthException.conflict("container %s is not running", id);
        cgroup(rec.cgroupsPath()).update(resources);
        Spec spec = d.spec();
        Spec.Linux l = spec.linux();
        Spec.Resources merged = ResourceMerge.merge(l == null ? null : l.resources(), resources);
        Spec.Linux nl = l == null ? new Spec.Linux(null, null, null, merged, null, null, null, null, null, null, null, null)
                : new Spec.Linux(l.uidMappings(), l.gidMappings(), l.sysctl(), merged, l.cgroupsPath(), l.namespaces(),
                        l.devices(), l.seccomp(), l.rootfsPropagation(), l.maskedPaths(), l.readonlyPaths(), l.mountLabel());
        d.saveSpec(new Spec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.domainname(),
                spec.mounts(), spec.hooks(), spec.annotations(), nl));
    }

    public List<Integer> ps(String id) {
        StateDir d = existing(id);
        return cgroup(d.record().cgroupsPath()).pids();
    }

    public dev.berth.cgroups.CgroupStats stats(String id) {
        StateDir d = existing(id);
        return cgroup(d.record().cgroupsPath()).stats();
    }

    /** The spec the container runs with (exec takes its defaults from it). */
    public Spec spec(String id) {
        return existing(id).spec();
    }

    /**
     * Waits until the container's init has exited (null timeout: forever) and returns how; null
     * on timeout.
     */
    public ExitStatus waitExit(String id, Duration timeout) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        Integer st = MonitorWait.await(rec.monitorPid(), rec.monitorStart(), d.exitFile(), timeout);
        if (st == null) {
            if (timeout != null) return null;
            return new ExitStatus(255, 0, false);
        }
        return ExitStatus.fromWaitStatus(st, cgroup(rec.cgroupsPath()).oomKilled());
    }

    /** Removes a stopped (or, with force, any) container: its processes, cgroup and state. */
    public void delete(String id, boolean force) {
        StateDir d = dir(id);
        if (!Files.isRegularFile(d.stateFile())) {
            if (Files.isDirectory(d.path())) {
                d.removeAll();
                return;
            }
            throw BerthException.notFound("container %s does not exist", id);
        }
        ContainerRecord rec = d.record();
        ContainerStatus s = status(d, rec);
        if (!s.canDelete() && !force)
            throw BerthException.conflict("cannot delete container %s that is not stopped: %s", id, s.ociName());
        CgroupManager cg = cgroup(rec.cgroupsPath());
        if (s != ContainerStatus.STOPPED) {
            if (s == ContainerStatus.PAUSED) {
                for (int pid : cg.pids()) signal(pid, 9);
                cg.freeze(false);
            }
            signal(rec.pid(), 9);
        }
        for (int pid : cg.pids()) signal(pid, 9);
        MonitorWait.await(rec.monitorPid(), rec.monitorStart(), d.exitFile(), Duration.ofSeconds(10));
        killExecMonitors(d);
        cg.destroy();
        d.removeAll();
    }

    private void killExecMonitors(StateDir d) {
        Path execs = d.path().resolve("exec");
        if (!Files.isDirectory(execs)) return;
        try (var s = Files.list(execs)) {
            for (Path p : s.toList()) {
                Path result = p.resolve("result");
                if (!Files.exists(result)) continue;
                try {
                    LaunchResult r = LaunchResult.parse(Files.readString(result));
                    MonitorWait.await(r.monitorPid(), ProcFs.startTime(r.monitorPid()), p.resolve("exit"), Duration.ofSeconds(5));
                } catch (RuntimeException | IOException ignored) {
                    // a failed exec: nothing runs
                }
            }
        } catch (IOException e) {
            throw BerthException.internal("list execs: " + e.getMessage(), e);
        }
    }

    /** Starts a process in the running container; see {@link #waitExec}. */
    public ExecHandle exec(String id, Spec.Process process, IoOptions io, String execId) {
        return exec(id, process, io, execId, false);
    }

    /**
     * Starts a process in the running container. With gated, the process is set up but waits for
     * {@link #releaseExec} before it runs, so a client can attach to its output first.
     */
    public ExecHandle exec(String id, Spec.Process process, IoOptions io, String execId, boolean gated) {
        StateDir d = existing(id);
        ContainerRecord rec = d.record();
        ContainerStatus s = status(d, rec);
        if (!s.canExec()) throw BerthException.conflict("cannot exec in a stopped container");
        if (s == ContainerStatus.PAUSED) throw BerthException.conflict("container %s is paused, unpause the container before exec", id);
        Path dir = d.execDir(execId);
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BerthException(BerthException.Kind.ALREADY_EXISTS, "exec " + execId + " exists");
        } catch (IOException e) {
            throw BerthException.internal("exec dir: " + e.getMessage(), e);
        }
        try {
            LaunchPlan plan = PlanBuilder.exec(d.spec(), rec.pid(), HomeEnv.apply(process, Path.of(rec.rootfs())),
                    cgroup(rec.cgroupsPath()).procsFiles(), io, gated ? dir.resolve("exec.fifo") : null);
            LaunchResult r = launcher().launch(dir, plan, io);
            return new ExecHandle(id, execId, r.pid(), r.monitorPid(), ProcFs.startTime(r.monitorPid()), dir);
        } catch (RuntimeException e) {
            StateDir.removeTree(dir);
            throw e;
        }
    }

    /** Lets a gated exec run. */
    public void releaseExec(ExecHandle h) {
        releaseGate(h.dir().resolve("exec.fifo"), h.containerId());
    }

    private static void releaseGate(Path fifo, String id) {
        try {
            int fd = Libc.open(fifo.toString(), Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
            try {
                Libc.write(fd, new byte[] {'0'});
            } finally {
                Libc.close(fd);
            }
            Files.deleteIfExists(fifo);
        } catch (Errno e) {
            if (e.errno() == Errno.ENXIO) throw BerthException.conflict("cannot start %s: its process is gone", id);
            throw BerthException.internal("start " + id + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw BerthException.internal("start " + id + ": " + e.getMessage(), e);
        }
    }

    public ExitStatus waitExec(ExecHandle h, Duration timeout) {
        Integer st = MonitorWait.await(h.monitorPid(), h.monitorStart(), h.dir().resolve("exit"), timeout);
        if (st == null) return timeout != null ? null : new ExitStatus(255, 0, false);
        return ExitStatus.fromWaitStatus(st, false);
    }

    /** Forgets a finished exec's directory. */
    public void removeExec(ExecHandle h) {
        StateDir.removeTree(h.dir());
    }
}
