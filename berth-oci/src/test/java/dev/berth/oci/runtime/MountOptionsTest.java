package dev.berth.oci.runtime;

import static dev.berth.oci.runtime.MountOptions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    @Test
    void constantsAreTheKernelsValues() {
        assertEquals(1, MS_RDONLY);
        assertEquals(2, MS_NOSUID);
        assertEquals(4, MS_NODEV);
        assertEquals(8, MS_NOEXEC);
        assertEquals(16, MS_SYNCHRONOUS);
        assertEquals(32, MS_REMOUNT);
        assertEquals(64, MS_MANDLOCK);
        assertEquals(128, MS_DIRSYNC);
        assertEquals(1024, MS_NOATIME);
        assertEquals(2048, MS_NODIRATIME);
        assertEquals(4096, MS_BIND);
        assertEquals(16384, MS_REC);
        assertEquals(0x20000, MS_UNBINDABLE);
        assertEquals(0x40000, MS_PRIVATE);
        assertEquals(0x80000, MS_SLAVE);
        assertEquals(0x100000, MS_SHARED);
        assertEquals(0x200000, MS_RELATIME);
        assertEquals(0x1000000, MS_STRICTATIME);
    }

    @Test
    void devptsOptionsSplitIntoFlagsAndData() {
        Parsed p = parse(List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        assertEquals(MS_NOSUID | MS_NOEXEC, p.flags());
        assertEquals("newinstance,ptmxmode=0666,mode=0620,gid=5", p.data());
        assertEquals(0, p.propagation());
        assertFalse(p.recursiveBind());
        assertFalse(p.recursiveReadonly());
    }

    @Test
    void tmpfsDevOptions() {
        Parsed p = parse(List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        assertEquals(MS_NOSUID | MS_STRICTATIME, p.flags());
        assertEquals("mode=755,size=65536k", p.data());
    }

    @Test
    void everyFlagOptionSetsItsBit() {
        assertEquals(MS_RDONLY, parse(List.of("ro")).flags());
        assertEquals(MS_NOSUID, parse(List.of("nosuid")).flags());
        assertEquals(MS_NODEV, parse(List.of("nodev")).flags());
        assertEquals(MS_NOEXEC, parse(List.of("noexec")).flags());
        assertEquals(MS_SYNCHRONOUS, parse(List.of("sync")).flags());
        assertEquals(MS_DIRSYNC, parse(List.of("dirsync")).flags());
        assertEquals(MS_REMOUNT, parse(List.of("remount")).flags());
        assertEquals(MS_MANDLOCK, parse(List.of("mand")).flags());
        assertEquals(MS_NOATIME, parse(List.of("noatime")).flags());
        assertEquals(MS_NODIRATIME, parse(List.of("nodiratime")).flags());
        assertEquals(MS_RELATIME, parse(List.of("relatime")).flags());
        assertEquals(MS_STRICTATIME, parse(List.of("strictatime")).flags());
        assertEquals(MS_BIND, parse(List.of("bind")).flags());
        assertEquals(0, parse(List.of("defaults")).flags());
        assertEquals("", parse(List.of("defaults")).data());
    }

    @Test
    void clearingOptionsUndoEarlierOnesInOrder() {
        assertEquals(0, parse(List.of("ro", "rw")).flags());
        assertEquals(MS_RDONLY, parse(List.of("rw", "ro")).flags());
        assertEquals(MS_NOEXEC, parse(List.of("nosuid", "nodev", "noexec", "suid", "dev")).flags());
        assertEquals(0, parse(List.of("noexec", "exec", "noatime", "atime", "nodiratime", "diratime")).flags());
        assertEquals(0, parse(List.of("relatime", "norelatime")).flags());
    }

    @Test
    void rbindIsRecursiveBind() {
        Parsed p = parse(List.of("rbind", "ro"));
        assertEquals(MS_BIND | MS_REC | MS_RDONLY, p.flags());
        assertTrue(p.recursiveBind());
        assertFalse(parse(List.of("bind")).recursiveBind());
    }

    @Test
    void propagationOptions() {
        assertEquals(MS_PRIVATE, parse(List.of("bind", "private")).propagation());
        assertEquals(MS_PRIVATE | MS_REC, parse(List.of("rprivate")).propagation());
        assertEquals(MS_SHARED, parse(List.of("shared")).propagation());
        assertEquals(MS_SHARED | MS_REC, parse(List.of("rshared")).propagation());
        assertEquals(MS_SLAVE, parse(List.of("slave")).propagation());
        assertEquals(MS_SLAVE | MS_REC, parse(List.of("rslave")).propagation());
        assertEquals(MS_UNBINDABLE, parse(List.of("unbindable")).propagation());
        assertEquals(MS_UNBINDABLE | MS_REC, parse(List.of("runbindable")).propagation());
        Parsed p = parse(List.of("rbind", "rprivate"));
        assertEquals(MS_BIND | MS_REC, p.flags());
        assertEquals("", p.data());
    }

    @Test
    void rroAsksForRecursiveReadonly() {
        Parsed p = parse(List.of("rbind", "rro"));
        assertTrue(p.recursiveReadonly());
        assertEquals(MS_BIND | MS_REC, p.flags());
        assertEquals("", p.data());
        assertFalse(parse(List.of("rro", "rrw")).recursiveReadonly());
    }

    @Test
    void unknownOptionsBecomeDataInOrder() {
        Parsed p = parse(List.of("mode=1777", "nosuid", "size=65536k", "uid=1000", "nodev"));
        assertEquals("mode=1777,size=65536k,uid=1000", p.data());
        assertEquals(MS_NOSUID | MS_NODEV, p.flags());
        assertEquals(new Parsed(0, 0, false, "", false), parse(null));
        assertEquals(new Parsed(0, 0, false, "", false), parse(List.of()));
    }

    @Test
    void runcOptionsBerthCannotHonourAreUnsupported() {
        for (String o : List.of("rnoexec", "rnosuid", "tmpcopyup", "idmap")) {
            BerthException e = assertThrows(BerthException.class, () -> parse(List.of("rbind", o)));
            assertEquals(BerthException.Kind.UNSUPPORTED, e.kind());
            assertEquals("mount option \"" + o + "\" is not supported", e.getMessage());
        }
    }

    @Test
    void rootfsPropagationDefaultsToRuncsRslave() {
        assertEquals(MS_SLAVE | MS_REC, propagation(null));
        assertEquals(MS_SLAVE | MS_REC, propagation(""));
        assertEquals(MS_PRIVATE | MS_REC, propagation("rprivate"));
        assertEquals(MS_SLAVE, propagation("slave"));
        assertEquals(MS_SHARED | MS_REC, propagation("rshared"));
        assertEquals(MS_UNBINDABLE, propagation("unbindable"));
        BerthException e = assertThrows(BerthException.class, () -> propagation("rsomething"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("rootfsPropagation=\"rsomething\" is not supported", e.getMessage());
    }
}
