package dev.berth.cgroups.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.cgroups.Mountinfo;
import dev.berth.cgroups.testing.FakeV1Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V1HierarchiesTest {
    @TempDir
    Path root;

    @Test
    void mountinfoGivesTheHierarchiesDirectlyUnderTheRoot() {
        List<Mountinfo.Entry> mounts = Mountinfo.parse("""
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
                35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
                41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                42 31 0:39 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup rw,net_cls,net_prio
                50 23 0:40 / /elsewhere/memory rw - cgroup cgroup rw,memory
                """);
        List<V1Hierarchy> h = V1Hierarchies.fromMountinfo(Path.of("/sys/fs/cgroup"), mounts);
        assertEquals(List.of("cpu", "memory", "net_cls,net_prio", "systemd"), h.stream().map(V1Hierarchy::name).toList());
        assertEquals(Set.of("name=systemd"), h.get(3).controllers());
        assertEquals(Set.of("net_cls", "net_prio"), h.get(2).controllers());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), h.get(1).mountPoint());
    }

    @Test
    void directoriesNameTheirControllersAndSymlinksAreAliases() throws Exception {
        FakeV1Tree.create(root, true, false);
        Files.createDirectory(root.resolve("not-a-hierarchy"));
        List<V1Hierarchy> h = V1Hierarchies.fromDirectories(root);
        assertEquals(FakeV1Tree.HIERARCHIES, h.stream().map(V1Hierarchy::name).toList(), "unified and plain dirs are skipped");
        V1Hierarchy cpu = h.get(1);
        assertEquals(Set.of("cpu", "cpuacct"), cpu.controllers());
        assertEquals(List.of("cpu", "cpuacct"), cpu.aliases());
        assertEquals(Set.of("name=systemd"), h.get(7).controllers());
        assertEquals(List.of(), h.get(5).aliases());
    }

    @Test
    void discoverFallsBackToDirectoriesForATreeWithNoMounts() throws Exception {
        FakeV1Tree.create(root, true, false);
        assertEquals(FakeV1Tree.HIERARCHIES, V1Hierarchies.discover(root).stream().map(V1Hierarchy::name).toList());
    }
}
