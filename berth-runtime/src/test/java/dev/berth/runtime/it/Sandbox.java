package dev.berth.runtime.it;

import dev.berth.oci.runtime.Spec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.RuntimeConfig;
import dev.berth.runtime.launch.IoOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's world: a temp dir holding its bundles, a Berth state root and a runc root, a cgroup parent of its own
 * (/sys/fs/cgroup/HIERARCHY/berth-it-XXXX), and a {@link ContainerRuntime} over them. {@link #close} force-deletes
 * every container the test made with both runtimes, kills what is left in its cgroups and its monitors, and
 * removes its cgroup directories and the temp dir, whether the test passed or not.
 */
public final class Sandbox implements AutoCloseable {
    private final Path root;
    private final String cgroupParent;
    private final RuntimeConfig config;
    private final ContainerRuntime runtime;
    private final Bundles bundles;
    private final Runc runc;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger seq = new AtomicInteger();

    private Sandbox(Path root, String cgroupParent) {
        this.root = root;
        this.cgroupParent = cgroupParent;
        this.config = new RuntimeConfig(root.resolve("state"), null, HostCounts.CGROUP_ROOT, cgroupParent);
        this.runtime = new ContainerRuntime(config);
        this.bundles = new Bundles(root.resolve("bundles"));
        this.runc = new Runc(root.resolve("runc"));
    }

    public static Sandbox create() {
        try {
            String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            return new Sandbox(Files.createTempDirectory("berth-it-" + tag + "-"), "berth-it-" + tag);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path root() { return root; }
    public Path stateRoot() { return config.stateRoot(); }
    public RuntimeConfig config() { return config; }
    public ContainerRuntime runtime() { return runtime; }
    public Runc runc() { return runc; }
    public String cgroupParent() { return cgroupParent; }

    /** A fresh runtime over the same state root: the Java side "restarted". */
    public ContainerRuntime restartedRuntime() {
        return new ContainerRuntime(config);
    }

    /** A container id unique to this sandbox, remembered for clean-up. */
    public String id(String prefix) {
        String id = prefix + "-" + seq.incrementAndGet();
        ids.add(id);
        return id;
    }

    public String cgroupsPath(String id) {
        return "/" + cgroupParent + "/" + id;
    }

    /** A container's directory in one v1 hierarchy (memory, cpu, pids, ...). */
    public Path cgroupDir(String hierarchy, String cgroupsPath) {
        return HostCounts.CGROUP_ROOT.resolve(hierarchy).resolve(cgroupsPath.substring(1));
    }

    public Path bundle(String name, Spec spec) {
        return bundles.create(name, spec);
    }

    /** Create, start, wait (at most timeout), read the json log, delete: what `runc run` does, through the library. */
    public RunResult runBerth(String id, Path bundle, Duration timeout) {
        Path log = root.resolve("logs").resolve(id + ".log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        runtime.create(id, bundle, IoOptions.log(log, false, false));
        try {
            runtime.start(id);
            ExitStatus st = runtime.waitExit(id, timeout);
            if (st == null) throw new AssertionError("container " + id + " still runs after " + timeout);
            return new RunResult(st.code(), JsonLog.stream(log, "stdout"), JsonLog.stream(log, "stderr"));
        } finally {
            runtime.delete(id, true);
        }
    }

    @Override
    public void close() {
        List<Throwable> problems = new ArrayList<>();
        for (String id : ids) {
            try {
                if (Files.exists(stateRoot().resolve(id))) runtime.delete(id, true);
            } catch (RuntimeException e) {
                problems.add(e);
            }
            runc.deleteQuietly(id);
        }
        for (int pid : HostCounts.processesMentioning(root.toString())) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        removeCgroups();
        Cmd.run("rm", "-rf", "--one-file-system", root.toString());
        if (!problems.isEmpty()) System.err.println("sandbox clean-up: " + problems);
    }

    private void removeCgroups() {
        List<Path> dirs = HostCounts.cgroupDirs(cgroupParent);
        for (Path d : dirs) {
            Path freezer = d.resolve("freezer.state");
            try {
                if (Files.exists(freezer)) Files.writeString(freezer, "THAWED");
            } catch (IOException ignored) {
                // best effort
            }
        }
        for (Path d : dirs) {
            try {
                for (String pid : Files.readAllLines(d.resolve("cgroup.procs")))
                    if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException ignored) {
                // gone already
            }
        }
        List<Path> deepestFirst = dirs.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path d : deepestFirst) {
            for (int i = 0; i < 50 && Files.exists(d); i++) {
                try {
                    Files.delete(d);
                } catch (IOException e) {
                    sleep(20);
                }
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls until cond holds or the timeout passes; returns whether it held. */
    public static boolean await(Duration timeout, java.util.function.BooleanSupplier cond) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) return true;
            sleep(10);
        }
        return cond.getAsBoolean();
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
