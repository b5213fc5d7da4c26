package dev.berth.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.engine.model.Mount;
import dev.berth.oci.runtime.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small parsers behind the generator: binds, tmpfs options, cpuset lists, Go quoting, device numbers. */
class PartsTest {
    @Test
    void bindSpecs() {
        assertEquals(new BindSpec("/host", "/data", false, "rprivate"), BindSpec.parse("/host:/data"));
        assertEquals(new BindSpec("/host", "/data", true, "rshared"), BindSpec.parse("/host/:/data/:ro,rshared,z"));
        assertEquals(new BindSpec("/a/c", "/x", false, "rprivate"), BindSpec.parse("/a/b/../c:/x:rw,nocopy,cached"));
        assertEquals(new BindSpec("vol", "/x", false, "rprivate"), BindSpec.parse("vol:/x"));
        assertTrue(BindSpec.parse("vol:/x").isVolume());
        assertFalse(BindSpec.parse("/v:/x").isVolume());
        assertTrue(BindSpec.validMode("ro,Z,slave,nocopy,delegated"));
        assertFalse(BindSpec.validMode("ro,rw"));
        assertFalse(BindSpec.validMode("z,Z"));
        assertFalse(BindSpec.validMode("shared,slave"));
    }

    @Test
    void tmpfsOptionsMergeLikeMoby() {
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate"), TmpfsOptions.forData(""));
        assertEquals(List.of("nosuid", "nodev", "rprivate", "exec", "size=10m", "mode=1777"),
                TmpfsOptions.forData("exec,size=10m,mode=1777"), "exec replaces the default noexec");
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate", "size=2m"), TmpfsOptions.forData("size=1m,size=2m"));
        assertEquals(List.of("noexec", "nosuid", "nodev", "rshared", "uid=1000"), TmpfsOptions.forData("rshared,defaults,uid=1000"));
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate", "ro"), TmpfsOptions.forData("rw,ro"));
        BerthException e = assertThrows(BerthException.class, () -> TmpfsOptions.forData("size=1m,"));
        assertEquals("Invalid tmpfs option [\"\"]", e.getMessage());
        assertEquals("ro,mode=1777,size=1g", TmpfsOptions.data(new Mount.TmpfsOptions(1L << 30, 01777), true));
        assertEquals("size=1536k", TmpfsOptions.data(new Mount.TmpfsOptions(1536L * 1024, null), false));
        assertEquals("size=1000", TmpfsOptions.data(new Mount.TmpfsOptions(1000L, 0), false));
        assertEquals("", TmpfsOptions.data(null, false));
    }

    @Test
    void cpusetLists() {
        BitSet s = CpusetList.parse("0-2,5,03", 0);
        assertEquals("{0, 1, 2, 3, 5}", s.toString());
        assertTrue(CpusetList.parse("", 0).isEmpty());
        assertEquals("invalid format: 1,", assertThrows(BerthException.class, () -> CpusetList.parse("1,", 0)).getMessage());
        assertEquals("invalid format: -1", assertThrows(BerthException.class, () -> CpusetList.parse("-1", 0)).getMessage());
    }

    @Test
    void goQuoting() {
        assertEquals("\"a\\\"b\\\\c\\n\"", GoText.quote("a\"b\\c\n"));
        assertEquals("\"\\x01\"", GoText.quote("\u0001"));
        assertEquals("[\"a\" \"b c\"]", GoText.quote(List.of("a", "b c")));
        assertEquals("[[gpu] [compute utility]]", GoText.nested(List.of(List.of("gpu"), List.of("compute", "utility"))));
    }

    @Test
    void mountPaths() {
        assertEquals("/a/c", MountPaths.clean("/a//b/../c/"));
        assertEquals("/", MountPaths.clean("/.."));
        assertEquals("a", MountPaths.clean("./a"));
        assertEquals(1, MountPaths.depth("/"), "strings.Count(\"/\", \"/\")");
        assertEquals(3, MountPaths.depth("/a/b/c/"));
    }

    @Test
    void deviceNumbersFollowGlibc() {
        assertEquals(1, SystemDevices.major(0x103));
        assertEquals(3, SystemDevices.minor(0x103));
        // makedev(259, 65537): major above 255 and minor above 255 use the extended bits
        long dev = ((259L & 0xfff) << 8) | ((259L & ~0xfffL) << 32) | (65537L & 0xff) | ((65537L & ~0xffL) << 12);
        assertEquals(259, SystemDevices.major(dev));
        assertEquals(65537, SystemDevices.minor(dev));
    }

    @Test
    void systemLookupFindsRealNodes(@TempDir Path dir) throws Exception {
        List<Spec.Device> nul = DeviceLookup.system().devicesAt("/dev/null");
        assertEquals(1, nul.size());
        Spec.Device d = nul.get(0);
        assertEquals("c", d.type());
        assertEquals("/dev/null", d.path());
        assertEquals(1, d.major());
        assertEquals(3, d.minor());
        assertEquals(0666, d.fileMode());
        Files.writeString(dir.resolve("file"), "x");
        assertEquals(List.of(), DeviceLookup.system().devicesAt(dir.resolve("file").toString()));
        assertEquals(List.of(), DeviceLookup.system().devicesAt(dir.resolve("missing").toString()));
        assertEquals(List.of(), DeviceLookup.system().devicesAt(dir.toString()), "a directory without nodes");
        Files.createSymbolicLink(dir.resolve("null-link"), Path.of("/dev/null"));
        assertEquals(List.of(), DeviceLookup.system().devicesAt(dir.toString()), "links inside a directory are not followed");
        assertEquals(1, DeviceLookup.system().devicesAt(dir.resolve("null-link").toString()).size(), "the path itself is followed");
    }

    @Test
    void hostInfoChecksItsValues() {
        assertEquals(new HostInfo(4, "0-3", "0", true), HostInfo.of(4, true));
        assertEquals("0", HostInfo.of(1, false).availableCpus());
        assertThrows(BerthException.class, () -> new HostInfo(0, "0", "0", false));
        assertThrows(BerthException.class, () -> new HostInfo(1, "x", "0", false));
        HostInfo detected = HostInfo.detect();
        assertTrue(detected.onlineCpus() >= 1);
        assertFalse(CpusetList.parse(detected.availableCpus(), 0).isEmpty());
    }

    @Test
    void specInputChecksItsValues() {
        var r = Fixtures.body("run-echo");
        assertThrows(BerthException.class, () -> Fixtures.input(r, Path.of("relative")).build());
        assertThrows(BerthException.class, () -> SpecInput.builder("short", r, Path.of("/r"), Fixtures.ROOT, Fixtures.HOST).build());
        assertThrows(BerthException.class, () -> Fixtures.input(r, Path.of("/r")).namespacePath("mount", "/proc/1/ns/mnt").build());
        assertThrows(BerthException.class, () -> Fixtures.input(r, Path.of("/r")).namespacePath("net", "/proc/1/ns/net").build());
        assertThrows(BerthException.class, () -> Fixtures.input(r, Path.of("/r")).namespacePath("pid", "proc/1/ns/pid").build());
    }
}
