package dev.berth.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountinfoTest {
    @Test
    void parsesOptionalFieldsAndEscapes() {
        List<Mountinfo.Entry> e = Mountinfo.parse("""
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 master:2 - cgroup cgroup rw,cpu,cpuacct
                99 23 8:1 /a\\040b /mnt/with\\040space rw - ext4 /dev/sda1 rw
                """);
        assertEquals(3, e.size());
        assertEquals("tmpfs", e.get(0).fsType());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct", e.get(1).mountPoint());
        assertEquals(List.of("rw", "cpu", "cpuacct"), e.get(1).superOptions());
        assertEquals("/a b", e.get(2).root());
        assertEquals("/mnt/with space", e.get(2).mountPoint());
        assertEquals("/dev/sda1", e.get(2).source());
    }
}
