package dev.berth.cgroups.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for integration tests. Commands start with {@code read go} so the test can move them into a
 * cgroup before they do their work, then {@link #go} lets them run. {@link #close} kills whatever is left.
 */
public final class Procs implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();

    /** Starts {@code sh -c "read go; SCRIPT"}; its output goes to a temp file removed by {@link #close}. */
    public Process shell(String script) throws IOException {
        Path out = Files.createTempFile("berth-cgroups-it", ".out");
        outputs.add(out);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "read go; " + script)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    public static void go(Process p) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Writes the pid into each cgroup.procs file. */
    public static void join(Process p, List<Path> procsFiles) throws IOException {
        for (Path f : procsFiles) Files.writeString(f, Long.toString(p.pid()));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) p.waitFor(10, TimeUnit.SECONDS);
        for (Path out : outputs) Files.deleteIfExists(out);
    }
}
