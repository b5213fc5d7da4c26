package dev.berth.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    static final String TEXT = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
            90 27 0:50 / /tmp/t/rootfs rw,relatime shared:5 - overlay overlay rw,lowerdir=/tmp/t/s/1/fs,upperdir=/tmp/t/s/2/fs,workdir=/tmp/t/s/2/work
            91 90 254:0 /tmp/x /tmp/t/rootfs/mnt\\040space rw,relatime - ext4 /dev/vda rw
            92 27 254:0 /tmp/x /tmp/tt rw,relatime - ext4 /dev/vda rw
            """;

    @Test
    void parsesOptionalFieldsAndEscapes() {
        List<MountInfo.Entry> e = MountInfo.parse(TEXT);
        assertEquals(5, e.size());
        assertEquals("overlay", e.get(2).fsType());
        assertEquals(Path.of("/tmp/t/rootfs/mnt space"), e.get(3).mountPoint());
        assertEquals("rw,lowerdir=/tmp/t/s/1/fs,upperdir=/tmp/t/s/2/fs,workdir=/tmp/t/s/2/work", e.get(2).superOptions());
    }

    @Test
    void underListsNewestFirstAndRespectsPathBoundaries() {
        assertEquals(List.of(Path.of("/tmp/t/rootfs/mnt space"), Path.of("/tmp/t/rootfs")), MountInfo.under(TEXT, Path.of("/tmp/t")));
        assertEquals(List.of(), MountInfo.under(TEXT, Path.of("/tmp/nothing")));
    }

    @Test
    void usersOfFindsMountsInsideAndOverlaysNamingTheDirectory() {
        assertEquals(List.of("overlay mounted at /tmp/t/rootfs", "ext4 mounted at /tmp/t/rootfs/mnt space"), MountInfo.usersOf(TEXT, Path.of("/tmp/t/rootfs")));
        assertEquals(List.of("overlay at /tmp/t/rootfs (upperdir)"), MountInfo.usersOf(TEXT, Path.of("/tmp/t/s/2")));
        assertEquals(List.of("overlay at /tmp/t/rootfs (lowerdir)"), MountInfo.usersOf(TEXT, Path.of("/tmp/t/s/1")));
        assertEquals(List.of(), MountInfo.usersOf(TEXT, Path.of("/tmp/t/s/3")));
    }
}
