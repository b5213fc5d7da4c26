package dev.berth.cgroups.testing;

import dev.berth.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fake cgroup2 tree in a temp dir. A new cgroup gets the core files and the files of the controllers its
 * parent's cgroup.subtree_control enables; cgroup.subtree_control accepts only "+c"/"-c" of available
 * controllers; writing cgroup.freeze updates cgroup.events as the kernel does for a cgroup without busy tasks.
 */
public final class FakeV2Tree {
    private FakeV2Tree() {}

    /** @param rootControllers the root's cgroup.controllers, e.g. "cpuset cpu io memory hugetlb pids" */
    public static FakeCgroupFs create(Path root, String rootControllers, boolean bfq) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), rootControllers);
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Files.writeString(root.resolve("cgroup.procs"), "");
        FakeCgroupFs fs = new FakeCgroupFs(dir -> populate(dir, bfq));
        fs.hook("cgroup.subtree_control", FakeV2Tree::subtreeControl);
        fs.hook("cgroup.freeze", (file, value) -> {
            String frozen = value.trim().equals("1") ? "1" : "0";
            FakeCgroupFs.set(file.resolveSibling("cgroup.events"), "populated 0\nfrozen " + frozen + "\n");
            return frozen + "\n";
        });
        return fs;
    }

    private static String subtreeControl(Path file, String value) throws Errno {
        Set<String> available = words(FakeCgroupFs.read(file.resolveSibling("cgroup.controllers")));
        Set<String> enabled = words(FakeCgroupFs.read(file));
        for (String token : value.trim().split("\\s+")) {
            String c = token.substring(1);
            if (!available.contains(c)) throw new Errno("write", file.toString(), Errno.ENOENT);
            if (token.startsWith("+")) enabled.add(c);
            else if (token.startsWith("-")) enabled.remove(c);
            else throw new Errno("write", file.toString(), Errno.EINVAL);
        }
        return String.join(" ", enabled) + "\n";
    }

    private static void populate(Path dir, boolean bfq) throws IOException {
        Set<String> controllers = words(Files.readString(dir.getParent().resolve("cgroup.subtree_control")));
        List<String[]> files = new ArrayList<>(List.of(
                f("cgroup.controllers", String.join(" ", controllers)), f("cgroup.subtree_control", ""),
                f("cgroup.procs", ""), f("cgroup.events", "populated 0\nfrozen 0\n"), f("cgroup.freeze", "0"),
                f("cgroup.max.depth", "max"), f("cgroup.max.descendants", "max")));
        if (controllers.contains("memory")) files.addAll(List.of(f("memory.max", "max"), f("memory.low", "0"),
                f("memory.high", "max"), f("memory.swap.max", "max"), f("memory.current", "0"), f("memory.peak", "0"),
                f("memory.stat", "anon 0\nfile 0\n"), f("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"),
                f("memory.oom.group", "0")));
        if (controllers.contains("cpu")) files.addAll(List.of(f("cpu.weight", "100"), f("cpu.max", "max 100000"),
                f("cpu.idle", "0"), f("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n")));
        if (controllers.contains("io")) {
            files.addAll(List.of(f("io.weight", "default 100"), f("io.max", ""), f("io.stat", "")));
            if (bfq) files.add(f("io.bfq.weight", "default 100"));
        }
        if (controllers.contains("pids")) files.addAll(List.of(f("pids.max", "max"), f("pids.current", "0")));
        if (controllers.contains("cpuset")) files.addAll(List.of(f("cpuset.cpus", ""), f("cpuset.mems", "")));
        if (controllers.contains("hugetlb")) files.add(f("hugetlb.2MB.max", "max"));
        for (String[] file : files) Files.writeString(dir.resolve(file[0]), file[1]);
    }

    private static String[] f(String name, String content) {
        return new String[] {name, content};
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(out::add);
        return out;
    }
}
