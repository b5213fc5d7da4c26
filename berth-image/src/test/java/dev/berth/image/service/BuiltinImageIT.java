package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import dev.berth.image.ref.Reference;
import dev.berth.image.store.ImageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in busybox:latest: built reproducibly by the build, loaded into a data root that lacks it, once. */
class BuiltinImageIT extends ImagesTestSupport {
    @Test
    void theBuiltinArchiveIsAOneLayerBusyboxAndLoadsOnce() throws Exception {
        Path archive = busyboxArchive();
        assertEquals(archive, BuiltinImage.locate().orElseThrow(), "found through -D" + BuiltinImage.PROPERTY);
        Map<String, byte[]> files = contents(Files.newInputStream(archive));
        JsonNode manifest = Json.mapper().readTree(files.get("manifest.json"));
        String configName = manifest.get(0).get("Config").asText();
        assertEquals("busybox:latest", manifest.get(0).get("RepoTags").get(0).asText());
        JsonNode config = Json.mapper().readTree(files.get(configName));
        assertEquals("[\"sh\"]", config.get("config").get("Cmd").toString());
        assertEquals("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]", config.get("config").get("Env").toString());
        assertEquals("linux", config.get("os").asText());
        assertEquals("amd64", config.get("architecture").asText());
        assertEquals(1, config.get("rootfs").get("diff_ids").size());
        assertTrue(config.get("history").size() >= 1);
        Map<String, byte[]> layer = contents(new java.io.ByteArrayInputStream(files.get(manifest.get(0).get("Layers").get(0).asText())));
        List<String> names = List.copyOf(layer.keySet());
        assertEquals(names.stream().sorted().toList(), names, "layer entries sorted by name");
        assertTrue(layer.containsKey("bin/busybox") && layer.containsKey("etc/passwd") && layer.containsKey("tmp/"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("./") || n.startsWith("/")), "relative names as Docker writes them");

        Images first = open("data", SnapshotterMode.AUTO);
        assertEquals("overlay2", first.driverName(), "overlay works on this machine's temp directory");
        ImageRecord busybox = first.resolve("busybox:latest");
        assertEquals("sha256:" + configName.replace(".json", ""), busybox.id().toString());
        String tagged = first.inspect("busybox").lastTagTime();
        Path c = run(first, "c", "busybox");
        assertTrue(Files.isExecutable(c.resolve("bin/sh")));
        first.unmountRootfs(c);
        first.removeContainer("c");
        first.close();

        Images again = open("data", SnapshotterMode.AUTO);
        assertEquals(tagged, again.inspect("busybox").lastTagTime(), "an existing busybox:latest is not loaded again");
        again.importRootfs(new java.io.ByteArrayInputStream(new TestArchives.Tar().file("x", "x").bytes()), "busybox:latest", List.of(), null);
        String mine = again.resolve("busybox:latest").id().toString();
        again.close();
        Images third = open("data", SnapshotterMode.AUTO);
        assertEquals(mine, third.resolve("busybox:latest").id().toString(), "the user's busybox:latest is left alone");
        assertEquals(List.of(), third.check());

        Images none = closeAfter(Images.open(root.resolve("other"), root.resolve("no-such-archive.tar")));
        assertTrue(none.store().get(Reference.parseNormalized("busybox")).isEmpty(), "no archive, no busybox, no failure");
        Path broken = Files.write(root.resolve("broken.tar"), java.util.Arrays.copyOf(Files.readAllBytes(archive), 100_000));
        Images cut = closeAfter(Images.open(root.resolve("cut"), broken));
        assertTrue(cut.store().get(Reference.parseNormalized("busybox")).isEmpty(), "a broken archive: no busybox, no failure");
        assertEquals(List.of(), cut.check(), "and nothing half-loaded");
        assertEquals(0, cut.snapshotter().walk().size());
    }
}
