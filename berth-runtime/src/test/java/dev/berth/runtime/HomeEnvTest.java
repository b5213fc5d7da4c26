package dev.berth.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.berth.oci.runtime.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeEnvTest {
    @TempDir Path rootfs;

    private static Spec.Process proc(int uid, List<String> env) {
        return new Spec.Process(false, null, new Spec.User(uid, uid, null, null, null), List.of("sh"), env, "/",
                null, null, null, null, null, null);
    }

    @Test
    void homeComesFromTheContainersPasswdOrIsSlash() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n");
        assertEquals(List.of("PATH=/bin", "HOME=/root"), HomeEnv.apply(proc(0, List.of("PATH=/bin")), rootfs).env());
        assertEquals(List.of("HOME=/home/alice"), HomeEnv.apply(proc(1000, null), rootfs).env());
        assertEquals(List.of("HOME=/"), HomeEnv.apply(proc(4242, List.of()), rootfs).env(), "no entry");
    }

    @Test
    void aGivenHomeIsKept() {
        Spec.Process p = proc(0, List.of("HOME=/elsewhere"));
        assertSame(p, HomeEnv.apply(p, rootfs));
    }

    @Test
    void noPasswdFileMeansSlash() {
        assertEquals(List.of("HOME=/"), HomeEnv.apply(proc(0, null), rootfs).env());
    }
}
