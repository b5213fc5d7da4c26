package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.common.BerthException;
import dev.berth.image.content.Digest;
import dev.berth.image.model.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure helpers of load and save: archive names, legacy ids, Docker's JSON shapes and times. */
class ArchivePathsTest {
    @Test
    void namesAreCleanedAndNamesClimbingOutAreUnusable() {
        assertEquals("a/b", ArchivePaths.clean("./a//b/"));
        assertEquals("a", ArchivePaths.clean("/a"));
        assertEquals("b", ArchivePaths.clean("a/../b"));
        assertEquals("", ArchivePaths.clean("./"));
        assertNull(ArchivePaths.clean("../x"));
        assertNull(ArchivePaths.clean("a/../../x"));
        assertEquals("blobs/sha256/x", ArchivePaths.linkTarget("id/layer.tar", "../blobs/sha256/x"));
        assertEquals("other/layer.tar", ArchivePaths.linkTarget("id/layer.tar", "/other/layer.tar"));
        assertNull(ArchivePaths.linkTarget("id/layer.tar", "../../../etc/shadow"));
        BerthException e = assertThrows(BerthException.class, () -> ArchivePaths.require("../../etc/passwd", "manifest.json Config"));
        assertEquals("invalid archive: manifest.json Config \"../../etc/passwd\" points outside the archive", e.getMessage());
    }

    @Test
    void legacyLayerIdsAreStableAndDependOnChainParentAndImage() {
        String chain = Digest.sha256("l".getBytes()).toString();
        Digest image = Digest.sha256("i".getBytes());
        assertEquals(ArchiveSaver.v1Id(chain, null, null), ArchiveSaver.v1Id(chain, null, null));
        assertTrue(ArchiveSaver.v1Id(chain, null, null).matches("[a-f0-9]{64}"));
        assertTrue(!ArchiveSaver.v1Id(chain, null, null).equals(ArchiveSaver.v1Id(chain, null, image)));
        assertTrue(!ArchiveSaver.v1Id(chain, "p", null).equals(ArchiveSaver.v1Id(chain, null, null)));
    }

    @Test
    void containerConfigInDockersShape() {
        Map<String, Object> empty = DockerJson.containerConfig(null);
        assertEquals(List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin",
                "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir", "Entrypoint", "OnBuild", "Labels"), List.copyOf(empty.keySet()),
                "dockerd 20.10's empty container_config, key for key");
        assertEquals("{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,"
                + "\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":null,\"Cmd\":null,\"Image\":\"\","
                + "\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":null}",
                new String(DockerJson.bytes(empty), java.nio.charset.StandardCharsets.UTF_8), "byte for byte what docker save 20.10 writes");
        ImageConfig.Config c = new ImageConfig.Config("u", Map.of("80/tcp", Map.of()), List.of("A=1"), null, List.of("sh"), null, "/w",
                Map.of("l", "v"), "SIGINT", null, null, null, null, Map.of("Hostname", "h", "Custom", 1));
        Map<String, Object> m = DockerJson.containerConfig(c);
        assertEquals("h", m.get("Hostname"));
        assertEquals(Map.of("80/tcp", Map.of()), m.get("ExposedPorts"));
        assertEquals("SIGINT", m.get("StopSignal"));
        assertEquals(1, m.get("Custom"), "unknown fields are kept");
        assertEquals(List.of("Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty",
                "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes", "WorkingDir", "Entrypoint", "OnBuild", "Labels", "StopSignal",
                "Custom"), List.copyOf(m.keySet()));
    }

    @Test
    void timesAsGoWritesThem() {
        assertEquals("2024-01-01T00:00:00Z", ImageInspector.rfc3339Nano(Instant.parse("2024-01-01T00:00:00Z")));
        assertEquals("2024-01-01T00:00:00.1Z", ImageInspector.rfc3339Nano(Instant.parse("2024-01-01T00:00:00.100Z")));
        assertEquals("2026-11-23T07:29:14.733854881Z", ImageInspector.rfc3339Nano(Instant.parse("2026-11-23T07:29:14.733854881Z")));
        assertEquals(1704067200, ImageConfigTimes.seconds("2024-01-01T00:00:00Z"));
        assertEquals(0, ImageConfigTimes.seconds("yesterday"));
    }

    @Test
    void initPathsCoverTheFileAndBelowOnly() {
        RootfsRecord r = new RootfsRecord("c", "sha256:" + "0".repeat(64), null, List.of("/etc/hosts", "/.dockerenv"));
        assertTrue(r.isInitPath("/etc/hosts"));
        assertTrue(!r.isInitPath("/etc/hosts.allow"));
        assertTrue(!r.isInitPath("/etc"));
        assertTrue(r.isInitPath("/.dockerenv"));
    }
}
