package dev.berth.runtime.state;

import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.oci.runtime.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The layout of one container's state directory, ROOT/ID: state.json, config.json (the spec in
 * force, updated by `update`), plan, result, exit (the monitor's), exec.fifo (until start),
 * attach.sock and ctl (while the monitor serves them), and exec/EXECID/ for each exec.
 */
public record StateDir(Path path) {
    public Path stateFile() { return path.resolve("state.json"); }
    public Path specFile() { return path.resolve("config.json"); }
    public Path execFifo() { return path.resolve("exec.fifo"); }
    public Path exitFile() { return path.resolve("exit"); }
    public Path attachSocket() { return path.resolve("attach.sock"); }
    public Path ctlFifo() { return path.resolve("ctl"); }
    public Path execDir(String execId) { return path.resolve("exec").resolve(execId); }

    public ContainerRecord record() {
        return Json.read(stateFile(), ContainerRecord.class);
    }

    public void save(ContainerRecord record) {
        Json.writeAtomic(stateFile(), record);
    }

    public Spec spec() {
        return Json.read(specFile(), Spec.class);
    }

    public void saveSpec(Spec spec) {
        Json.writeAtomic(specFile(), spec);
    }

    /** The monitor's wait status, or null while the process runs. */
    public Integer waitStatus() {
        return readStatus(exitFile());
    }

    public static Integer readStatus(Path exitFile) {
        try {
            return Integer.parseInt(Files.readString(exitFile).strip());
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException | NumberFormatException e) {
            throw BerthException.internal("read " + exitFile + ": " + e.getMessage(), e);
        }
    }

    public void removeAll() {
        removeTree(path);
    }

    public static void removeTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw BerthException.internal("remove " + root + ": " + e.getMessage(), e);
        }
    }
}
