package dev.berth.snapshot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.sys.Libc;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountFlagsTest {
    @Test
    void flagWordsBecomeFlagsAndTheRestData() {
        MountFlags f = MountFlags.parse(List.of("ro", "nosuid", "index=off", "lowerdir=/a:/b", "userxattr"));
        assertEquals(Libc.MS_RDONLY | Libc.MS_NOSUID, f.flags());
        assertEquals("index=off,lowerdir=/a:/b,userxattr", f.data());
        assertTrue(f.readOnly());
        assertFalse(f.bind());
    }

    @Test
    void rbindIsRecursiveAndRemountFlagsExcludeBind() {
        MountFlags f = MountFlags.parse(List.of("ro", "rbind"));
        assertTrue(f.bind());
        assertEquals(Libc.MS_BIND | Libc.MS_REC | Libc.MS_RDONLY, f.flags());
        assertEquals(Libc.MS_RDONLY, f.remountFlags());
        assertNull(f.data());
    }

    @Test
    void laterWordsClearEarlierOnes() {
        assertEquals(0, MountFlags.parse(List.of("ro", "rw")).flags());
        assertEquals(Libc.MS_NODEV, MountFlags.parse(List.of("noexec", "nodev", "exec")).flags());
        assertEquals(0, MountFlags.parse(List.of("rw", "rbind")).remountFlags());
    }
}
