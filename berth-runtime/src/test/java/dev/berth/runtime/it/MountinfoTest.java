package dev.berth.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MountinfoTest {
    @Test
    void keepsMountPointModeAndTypeOnly() {
        String info = String.join("\n",
                "64 42 254:0 /tmp/b/rootfs / ro,relatime - ext4 /dev/vda rw,discard",
                "65 64 0:40 / /proc rw,relatime - proc proc rw",
                "44 65 0:41 /null /proc/keys rw,nosuid shared:5 master:1 - tmpfs tmpfs rw,size=65536k,mode=755",
                "");
        assertEquals(Set.of("/ ro ext4", "/proc rw proc", "/proc/keys rw tmpfs"), Mountinfo.normalise(info));
    }

    @Test
    void refusesOtherText() {
        assertThrows(IllegalArgumentException.class, () -> Mountinfo.normalise("not mountinfo"));
    }
}
