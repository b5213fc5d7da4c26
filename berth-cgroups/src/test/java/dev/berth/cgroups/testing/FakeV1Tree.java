package dev.berth.cgroups.testing;

import dev.berth.sys.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fake /sys/fs/cgroup of v1 hierarchies in a temp dir: one directory per hierarchy named by its controllers
 * ("cpu,cpuacct" with cpu and cpuacct symlinks, memory, cpuset, ...), a named "systemd" one and an empty cgroup2
 * "unified" dir, as on a hybrid host. New cgroups get the files of their hierarchy's controllers. Like the
 * kernel, memory.limit_in_bytes may never exceed memory.memsw.limit_in_bytes.
 */
public final class FakeV1Tree {
    public static final long UNLIMITED = 9223372036854771712L;
    public static final List<String> HIERARCHIES =
            List.of("blkio", "cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "pids", "systemd");

    private FakeV1Tree() {}

    /** @param blkioWeight whether blkio.weight exists (CFQ); blkio.bfq.weight always does */
    public static FakeCgroupFs create(Path root, boolean swapAccounting, boolean blkioWeight) throws IOException {
        for (String h : HIERARCHIES) {
            Path d = Files.createDirectory(root.resolve(h));
            Files.writeString(d.resolve("cgroup.procs"), "");
            Files.writeString(d.resolve("tasks"), "");
        }
        Files.writeString(root.resolve("cpuset/cpuset.cpus"), "0-3\n");
        Files.writeString(root.resolve("cpuset/cpuset.mems"), "0\n");
        Files.createSymbolicLink(root.resolve("cpu"), Path.of("cpu,cpuacct"));
        Files.createSymbolicLink(root.resolve("cpuacct"), Path.of("cpu,cpuacct"));
        Path unified = Files.createDirectory(root.resolve("unified"));
        Files.writeString(unified.resolve("cgroup.controllers"), "");
        Files.writeString(unified.resolve("cgroup.procs"), "");
        FakeCgroupFs fs = new FakeCgroupFs(dir -> populate(root, dir, swapAccounting, blkioWeight));
        fs.hook("memory.limit_in_bytes", (file, value) -> {
            long memsw = Files.exists(file.resolveSibling("memory.memsw.limit_in_bytes"))
                    ? bytes(FakeCgroupFs.read(file.resolveSibling("memory.memsw.limit_in_bytes"))) : Long.MAX_VALUE;
            if (bytes(value) > memsw) throw new Errno("write", file.toString(), Errno.EINVAL);
            return value;
        });
        fs.hook("memory.memsw.limit_in_bytes", (file, value) -> {
            if (bytes(value) < bytes(FakeCgroupFs.read(file.resolveSibling("memory.limit_in_bytes"))))
                throw new Errno("write", file.toString(), Errno.EINVAL);
            return value;
        });
        return fs;
    }

    private static long bytes(String v) {
        long n = Long.parseLong(v.trim());
        return n == -1 || n >= UNLIMITED ? Long.MAX_VALUE : n;
    }

    private static void populate(Path root, Path dir, boolean swapAccounting, boolean blkioWeight) throws IOException {
        String hierarchy = root.relativize(dir).getName(0).toString();
        List<String> controllers = Arrays.asList(hierarchy.split(","));
        String unlimited = Long.toString(UNLIMITED);
        List<String[]> files = new ArrayList<>(List.of(f("cgroup.procs", ""), f("tasks", ""), f("notify_on_release", "0")));
        if (controllers.contains("memory")) {
            files.addAll(List.of(f("memory.limit_in_bytes", unlimited), f("memory.soft_limit_in_bytes", unlimited),
                    f("memory.swappiness", "60"), f("memory.kmem.tcp.limit_in_bytes", unlimited),
                    f("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n"),
                    f("memory.usage_in_bytes", "0"), f("memory.max_usage_in_bytes", "0"), f("memory.stat", "cache 0\ntotal_cache 0\n")));
            if (swapAccounting) files.add(f("memory.memsw.limit_in_bytes", unlimited));
        }
        if (controllers.contains("cpu")) files.addAll(List.of(f("cpu.shares", "1024"), f("cpu.cfs_period_us", "100000"),
                f("cpu.cfs_quota_us", "-1"), f("cpu.rt_period_us", "1000000"), f("cpu.rt_runtime_us", "0"), f("cpu.idle", "0")));
        if (controllers.contains("cpuacct")) files.addAll(List.of(f("cpuacct.usage", "0"), f("cpuacct.stat", "user 0\nsystem 0\n")));
        if (controllers.contains("cpuset")) files.addAll(List.of(f("cpuset.cpus", ""), f("cpuset.mems", "")));
        if (controllers.contains("blkio")) {
            files.addAll(List.of(f("blkio.bfq.weight", "100"), f("blkio.bfq.weight_device", ""),
                    f("blkio.throttle.read_bps_device", ""), f("blkio.throttle.write_bps_device", ""),
                    f("blkio.throttle.read_iops_device", ""), f("blkio.throttle.write_iops_device", ""),
                    f("blkio.throttle.io_service_bytes", "Total 0\n")));
            if (blkioWeight) files.addAll(List.of(f("blkio.weight", "500"), f("blkio.weight_device", "")));
        }
        if (controllers.contains("pids")) files.addAll(List.of(f("pids.max", "max"), f("pids.current", "0")));
        if (controllers.contains("freezer")) files.add(f("freezer.state", "THAWED"));
        if (controllers.contains("devices")) files.addAll(List.of(f("devices.allow", ""), f("devices.deny", ""), f("devices.list", "a *:* rwm")));
        for (String[] file : files) Files.writeString(dir.resolve(file[0]), file[1]);
    }

    private static String[] f(String name, String content) {
        return new String[] {name, content};
    }
}
