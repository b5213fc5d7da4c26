package dev.berth.cgroups.testing;

import dev.berth.cgroups.CgroupFs;
import dev.berth.sys.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cgroupfs over a plain directory, for tests: mkdir fills the new directory with interface files (through a
 * {@link Populator}), rmdir refuses cgroups with processes or children (EBUSY), writes to missing files fail ENOENT,
 * writes may go through per-file hooks that mimic the kernel, and every successful write is recorded in order.
 */
public final class FakeCgroupFs implements CgroupFs {
    public record Write(Path file, String value) {
        public String name() {
            return file.getFileName().toString();
        }
    }

    /** Fills a newly made cgroup directory with the files the kernel would show. */
    @FunctionalInterface
    public interface Populator {
        void populate(Path dir) throws IOException;
    }

    /** Mimics the kernel's handling of a write: returns the new content, or throws Errno to refuse it. */
    @FunctionalInterface
    public interface WriteHook {
        String onWrite(Path file, String value) throws Errno;
    }

    private final Populator populator;
    private final Map<String, WriteHook> hooks = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Integer> failures = new HashMap<>();

    public FakeCgroupFs(Populator populator) {
        this.populator = populator;
    }

    public FakeCgroupFs hook(String fileName, WriteHook hook) {
        hooks.put(fileName, hook);
        return this;
    }

    /** The next write to a file of that name fails with errno. */
    public void failNextWrite(String fileName, int errno) {
        failures.put(fileName, errno);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public List<String> writesTo(String fileName) {
        return writes.stream().filter(w -> w.name().equals(fileName)).map(Write::value).toList();
    }

    public List<String> writtenNames() {
        return writes.stream().map(Write::name).toList();
    }

    @Override
    public boolean mkdir(Path dir) throws Errno {
        if (Files.isDirectory(dir)) return false;
        if (!Files.isDirectory(dir.getParent())) throw new Errno("mkdir", dir.toString(), Errno.ENOENT);
        try {
            Files.createDirectory(dir);
            populator.populate(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public boolean rmdir(Path dir) throws Errno {
        if (!Files.isDirectory(dir)) return false;
        try {
            Path procs = dir.resolve("cgroup.procs");
            if (Files.exists(procs) && !Files.readString(procs).isBlank()) throw new Errno("rmdir", dir.toString(), Errno.EBUSY);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) throw new Errno("rmdir", dir.toString(), Errno.EBUSY);
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) Files.delete(p);
            }
            Files.delete(dir);
        } catch (Errno e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    @Override
    public void write(Path file, String value) throws Errno {
        String name = file.getFileName().toString();
        Integer fail = failures.remove(name);
        if (fail != null) throw new Errno("write", file.toString(), fail);
        if (!Files.isRegularFile(file)) throw new Errno("open", file.toString(), Errno.ENOENT);
        WriteHook hook = hooks.get(name);
        String content = hook == null ? value : hook.onWrite(file, value);
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writes.add(new Write(file, value));
    }

    /** Writes a file directly (no hook, not recorded): the kernel's side, such as counters. */
    public static void set(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
