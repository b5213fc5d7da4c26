package dev.berth.oci.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import org.junit.jupiter.api.Test;

class NamespacesTest {
    @Test
    void cloneFlagsAreTheKernelsValues() {
        assertEquals(0x20000000, Namespaces.cloneFlag("pid"));
        assertEquals(0x40000000, Namespaces.cloneFlag("network"));
        assertEquals(0x00020000, Namespaces.cloneFlag("mount"));
        assertEquals(0x08000000, Namespaces.cloneFlag("ipc"));
        assertEquals(0x04000000, Namespaces.cloneFlag("uts"));
        assertEquals(0x10000000, Namespaces.cloneFlag("user"));
        assertEquals(0x02000000, Namespaces.cloneFlag("cgroup"));
    }

    @Test
    void procNamesAreTheNsFileNames() {
        assertEquals("net", Namespaces.procName("network"));
        assertEquals("mnt", Namespaces.procName("mount"));
        for (String same : new String[] {"pid", "ipc", "uts", "user", "cgroup"}) {
            assertEquals(same, Namespaces.procName(same));
        }
    }

    @Test
    void timeIsUnsupportedAndOthersAreUnknown() {
        assertEquals(BerthException.Kind.UNSUPPORTED,
                assertThrows(BerthException.class, () -> Namespaces.cloneFlag("time")).kind());
        assertEquals(BerthException.Kind.UNSUPPORTED,
                assertThrows(BerthException.class, () -> Namespaces.procName("time")).kind());
        BerthException e = assertThrows(BerthException.class, () -> Namespaces.cloneFlag("foo"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertEquals("unknown namespace type \"foo\"", e.getMessage());
        assertThrows(BerthException.class, () -> Namespaces.procName("net"));
        assertThrows(BerthException.class, () -> Namespaces.cloneFlag(null));
    }
}
