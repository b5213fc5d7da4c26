package dev.berth.engine.exec;

import dev.berth.common.BerthException;
import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.container.ContainerService;
import dev.berth.engine.container.Names;
import dev.berth.oci.runtime.CapabilityTable;
import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import dev.berth.runtime.user.UserResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docker exec: an exec instance is made by create, run by start (gated until the caller has
 * attached to its output), and answers inspect with its exit code once done.
 */
public final class ExecService {
    private final ContainerService containers;
    private final ContainerRuntime runtime;
    private final Map<String, ExecState> execs = new ConcurrentHashMap<>();

    public ExecService(ContainerService containers, ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    public String create(String containerRef, ExecConfig cfg) {
        String cid = containers.resolve(containerRef);
        ContainerRecord r = containers.get(cid);
        if (!r.state().running()) throw BerthException.conflict("Container %s is not running", cid);
        if (r.state().paused()) throw BerthException.conflict("Container %s is paused, unpause the container before exec", cid);
        if (cfg == null || cfg.cmd() == null || cfg.cmd().isEmpty()) throw BerthException.invalid("No exec command specified");
        String id = Names.newId();
        execs.put(id, new ExecState(id, cid, cfg));
        containers.publishFor(cid, "exec_create: " + String.join(" ", cfg.cmd()), Map.of("execID", id));
        return id;
    }

    public ExecState get(String id) {
        ExecState e = execs.get(id);
        if (e == null) throw BerthException.notFound("No such exec instance: %s", id);
        return e;
    }

    /** Sets the process up, gated; {@link #run} lets it go. The caller attaches in between. */
    public ExecState prepare(String id, boolean attachIo) {
        ExecState e = get(id);
        synchronized (e) {
            if (e.started) throw BerthException.conflict("Error: Exec command %s is already running", id);
            e.started = true;
        }
        ContainerRecord r = containers.get(e.containerId);
        if (!r.state().running()) throw BerthException.conflict("Container %s is not running", e.containerId);
        Spec.Process process = process(r, e.config);
        IoOptions io = IoOptions.log(null, attachIo && e.config.stdin(), true);
        e.handle = runtime.exec(e.containerId, process, io, id, true);
        e.running = true;
        containers.publishFor(e.containerId, "exec_start: " + String.join(" ", e.config.cmd()), Map.of("execID", id));
        return e;
    }

    /** Runs a prepared exec; a small platform thread records its exit (the wait is a pinning native poll). */
    public void run(ExecState e, Runnable onExit) {
        runtime.releaseExec(e.handle);
        Thread.ofPlatform().daemon().stackSize(256 * 1024).start(() -> {
            record(e, runtime.waitExec(e.handle, null));
            if (onExit != null) onExit.run();
        });
    }

    /**
     * Records the exit now if the process has ended (its output just closed, so its monitor has
     * written the status): the client asks for the exit code as soon as the stream ends.
     */
    public void settle(ExecState e) {
        ExitStatus st = runtime.waitExec(e.handle, java.time.Duration.ofSeconds(5));
        if (st != null) record(e, st);
    }

    private void record(ExecState e, ExitStatus st) {
        synchronized (e) {
            if (!e.running) return;
            e.exitCode = st.code();
            e.running = false;
            containers.publishFor(e.containerId, "exec_die", Map.of("execID", e.id(), "exitCode", Integer.toString(st.code())));
        }
        runtime.removeExec(e.handle);
    }

    /** A start that failed before the process ran: Docker reports 126 and keeps the exec inspectable. */
    public void failed(ExecState e) {
        e.exitCode = 126;
        e.running = false;
    }

    public Path monitorDir(ExecState e) {
        return e.handle.dir();
    }

    private Spec.Process process(ContainerRecord r, ExecConfig c) {
        Spec.Process base = runtime.spec(r.id()).process();
        List<String> env = new ArrayList<>(base.env() == null ? List.of() : base.env());
        if (c.env() != null) for (String kv : c.env()) {
            String k = kv.contains("=") ? kv.substring(0, kv.indexOf('=') + 1) : kv + "=";
            env.removeIf(x -> x.startsWith(k));
            env.add(kv);
        }
        Spec.User user = base.user();
        if (c.user() != null && !c.user().isEmpty()) {
            UserResolver.ExecUser u = UserResolver.resolve(Path.of(r.rootfsPath()), c.user(), List.of());
            user = new Spec.User(u.uid(), u.gid(), null, u.additionalGids(), null);
        }
        Spec.Capabilities caps = base.capabilities();
        if (Boolean.TRUE.equals(c.privileged())) {
            List<String> all = CapabilityTable.all();
            caps = new Spec.Capabilities(all, all, null, all, null);
        }
        String cwd = c.workingDir() != null && !c.workingDir().isEmpty() ? c.workingDir() : base.cwd();
        Spec.ConsoleSize size = c.consoleSize() != null && c.consoleSize().size() == 2 && c.consoleSize().get(0) > 0
                ? new Spec.ConsoleSize(c.consoleSize().get(0), c.consoleSize().get(1)) : null;
        return new Spec.Process(c.isTty(), size, user, c.cmd(), env, cwd, caps, base.rlimits(), base.noNewPrivileges(),
                base.apparmorProfile(), base.oomScoreAdj(), base.selinuxLabel());
    }
}
