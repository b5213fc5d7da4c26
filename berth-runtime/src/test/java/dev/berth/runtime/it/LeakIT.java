package dev.berth.runtime.it;

import static dev.berth.runtime.it.Sandbox.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ExitStatus;
import dev.berth.runtime.launch.IoOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many create/start/wait/delete cycles leave nothing behind; and how long one takes next to `runc run`. */
class LeakIT {
    private Sandbox sb;
    private ContainerRuntime rt;

    @BeforeEach
    void setUp() {
        sb = Sandbox.create();
        rt = sb.runtime();
    }

    @AfterEach
    void tearDown() {
        sb.close();
    }

    private long cycle(String id, Path bundle, IoOptions io) {
        long t0 = System.nanoTime();
        rt.create(id, bundle, io);
        rt.start(id);
        ExitStatus st = rt.waitExit(id, seconds(10));
        rt.delete(id, false);
        long t = System.nanoTime() - t0;
        assertEquals(0, st.code(), id);
        return t;
    }

    private record Counts(int hostMounts, int mountsOfTest, int cgroupDirs, int processes, int jvmFds) {}

    private Counts counts() {
        return new Counts(HostCounts.mounts(), HostCounts.mountsUnder(sb.root()), HostCounts.cgroupDirs(sb.cgroupParent()).size(),
                HostCounts.processesMentioning(sb.stateRoot().toString()).size(), HostCounts.openFds());
    }

    @Test
    @Timeout(180)
    void twoHundredCyclesLeakNothing() {
        Path bundle = sb.bundle("leak", SpecEdit.busybox(null, "true"));
        for (int i = 0; i < 5; i++) cycle(sb.id("warm"), bundle, IoOptions.nullIo());
        Counts before = counts();
        long total = 0;
        for (int i = 0; i < 200; i++) total += cycle(sb.id("leak"), bundle, i % 2 == 0 ? IoOptions.nullIo()
                : IoOptions.log(sb.root().resolve("leak.log"), false, false));
        Counts after = counts();
        System.out.printf("FIGURE leaks before %s after %s; %.1f ms per create/start/wait/delete cycle (mean of 200)%n",
                before, after, total / 200 / 1e6);
        assertEquals(before.mountsOfTest(), after.mountsOfTest(), "host mounts under the test dir");
        assertEquals(before.cgroupDirs(), after.cgroupDirs(), "cgroup dirs under " + sb.cgroupParent());
        assertEquals(0, after.processes(), "processes mentioning the state root");
        assertTrue(after.jvmFds() <= before.jvmFds(), "JVM fds grew: " + before.jvmFds() + " -> " + after.jvmFds());
        // Other work on this host may mount or unmount meanwhile: the total is printed, the test's own are checked.
        assertEquals(List.of(), rt.list(), "containers left in the state root");
    }

    @Test
    @Timeout(120)
    void cycleTimeNextToRuncRun() {
        Path bundle = sb.bundle("perf-berth", SpecEdit.busybox(null, "true"));
        for (int i = 0; i < 5; i++) cycle(sb.id("warm"), bundle, IoOptions.nullIo());
        List<Long> berth = new ArrayList<>(), runc = new ArrayList<>();
        for (int i = 0; i < 20; i++) berth.add(cycle(sb.id("perf"), bundle, IoOptions.nullIo()));
        for (int i = 0; i < 20; i++) {
            String id = sb.id("perf-runc");
            Path rb = sb.bundle(id, SpecEdit.busybox(sb.cgroupsPath(id), "true"));
            long t0 = System.nanoTime();
            RunResult r = sb.runc().run(rb, id, seconds(20));
            runc.add(System.nanoTime() - t0);
            assertEquals(0, r.code(), r.stderr());
        }
        double b = median(berth) / 1e6, r = median(runc) / 1e6;
        System.out.printf("FIGURE median of 20: berth library create/start/wait/delete %.1f ms; runc run %.1f ms%n", b, r);
        assertTrue(b < 2000, "a cycle takes " + b + " ms");
    }

    private static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2.0;
    }
}
