package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** distribution/reference normalisation as the CLI applies it (pull, tag, commit, images). */
class ImageRefTest {
    @Test
    void normalisesDockerHubNames() {
        ImageRef r = ImageRef.parse("busybox");
        assertEquals("docker.io/library/busybox", r.name());
        assertEquals("busybox", r.familiarName());
        assertNull(r.tag());
        assertEquals("busybox:latest", r.withDefaultTag().familiarString());
        assertEquals("docker.io/library/busybox:latest", r.withDefaultTag().toString());
        assertEquals("myorg/app", ImageRef.parse("myorg/app:1").familiarName());
        assertEquals("docker.io/myorg/app", ImageRef.parse("docker.io/myorg/app").name());
        assertEquals("busybox", ImageRef.parse("index.docker.io/library/busybox").familiarName());
    }

    @Test
    void keepsOtherRegistries() {
        ImageRef r = ImageRef.parse("127.0.0.1:5055/big:1");
        assertEquals("127.0.0.1:5055", r.domain());
        assertEquals("127.0.0.1:5055/big", r.familiarName());
        assertEquals("1", r.tag());
        assertEquals("localhost/x", ImageRef.parse("localhost/x").familiarName());
    }

    @Test
    void digests() {
        String d = "sha256:" + "a".repeat(64);
        ImageRef r = ImageRef.parse("busybox@" + d);
        assertEquals(d, r.digest());
        assertEquals("busybox@" + d, r.familiarString());
        assertEquals(r, r.withDefaultTag());
    }

    @Test
    void rejectsWhatDockerRejects() {
        assertEquals("invalid reference format: repository name (library/BusyBox) must be lowercase",
                assertThrows(IllegalArgumentException.class, () -> ImageRef.parse("BusyBox")).getMessage());
        assertEquals("invalid reference format", assertThrows(IllegalArgumentException.class, () -> ImageRef.parse("a:b:c")).getMessage());
        assertEquals("invalid repository name (" + "f".repeat(64) + "), cannot specify 64-byte hexadecimal strings",
                assertThrows(IllegalArgumentException.class, () -> ImageRef.parse("f".repeat(64))).getMessage());
    }
}
