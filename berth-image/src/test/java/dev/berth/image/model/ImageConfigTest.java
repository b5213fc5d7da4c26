package dev.berth.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import dev.berth.image.content.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    /** Shaped like a config `docker build` produced (legacy builder), trimmed. */
    static final String DOCKER_CONFIG = """
        {"architecture":"amd64",
         "config":{"Hostname":"","Domainname":"","User":"nobody","AttachStdin":false,"Tty":false,
           "ExposedPorts":{"80/tcp":{},"53/udp":{}},
           "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","A=b c"],
           "Cmd":["sh"],"Entrypoint":null,"Image":"sha256:1111111111111111111111111111111111111111111111111111111111111111",
           "Volumes":{"/data":{}},"WorkingDir":"/srv","Labels":{"maintainer":"me","org.example.v":"1"},
           "StopSignal":"SIGQUIT",
           "Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":1000000000,"Retries":3},
           "OnBuild":["RUN echo hi"],"ArgsEscaped":true,"Shell":["/bin/sh","-c"]},
         "container":"3f2a6a3f5b8c",
         "container_config":{"Hostname":"3f2a6a3f5b8c","Cmd":["/bin/sh","-c","#(nop) ","CMD [\\"sh\\"]"],"Labels":{}},
         "created":"2023-05-19T20:19:24.516465654Z",
         "docker_version":"20.10.23",
         "history":[{"created":"2023-05-19T20:19:24.327Z","created_by":"/bin/sh -c #(nop) ADD file:abc in / "},
                    {"created":"2023-05-19T20:19:24.516Z","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true,
                     "author":"someone","comment":"buildkit.dockerfile.v0"}],
         "os":"linux","os.version":"5.10","variant":"v8",
         "rootfs":{"type":"layers","diff_ids":["sha256:9547b4c33213e630a0ca602a989ecc094e042146ae8afa502e1e65af6473db03"]},
         "moby.buildkit.buildinfo.v1":"eyJmcm9udGVuZCI6ImRvY2tlcmZpbGUudjAifQ=="}
        """;

    @Test
    void readsEveryField() {
        ImageConfig c = ImageJson.readConfig(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8), "test config");
        assertEquals("amd64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals("5.10", c.osVersion());
        assertEquals("v8", c.variant());
        assertEquals("20.10.23", c.dockerVersion());
        assertEquals("3f2a6a3f5b8c", c.container());
        assertEquals(Instant.parse("2023-05-19T20:19:24.516465654Z"), c.createdInstant().orElseThrow());
        ImageConfig.Config cfg = c.config();
        assertEquals("nobody", cfg.user());
        assertEquals(List.of("80/tcp", "53/udp"), List.copyOf(cfg.exposedPorts().keySet()));
        assertEquals(List.of("sh"), cfg.cmd());
        assertNull(cfg.entrypoint());
        assertEquals("/srv", cfg.workingDir());
        assertEquals(Map.of("maintainer", "me", "org.example.v", "1"), c.labels());
        assertEquals("SIGQUIT", cfg.stopSignal());
        assertEquals(List.of("CMD-SHELL", "true"), cfg.healthcheck().test());
        assertEquals(30_000_000_000L, cfg.healthcheck().interval());
        assertEquals(3, cfg.healthcheck().retries());
        assertEquals(List.of("RUN echo hi"), cfg.onBuild());
        assertEquals(true, cfg.argsEscaped());
        assertEquals(List.of("/bin/sh", "-c"), cfg.shell());
        assertEquals(List.of("/data"), List.copyOf(cfg.volumes().keySet()));
        assertEquals("", cfg.extra().get("Hostname"));
        assertEquals("3f2a6a3f5b8c", c.containerConfig().extra().get("Hostname"));
        assertEquals(List.of(Digest.parse("sha256:9547b4c33213e630a0ca602a989ecc094e042146ae8afa502e1e65af6473db03")), c.diffIds());
        assertEquals(2, c.history().size());
        assertEquals(true, c.history().get(1).emptyLayer());
        assertNull(c.history().get(0).emptyLayer());
        assertEquals("buildkit.dockerfile.v0", c.history().get(1).comment());
        assertEquals("eyJmcm9udGVuZCI6ImRvY2tlcmZpbGUudjAifQ==", c.extra().get("moby.buildkit.buildinfo.v1"));
    }

    @Test
    void writesSpecFieldNamesAndKeepsUnknownFields() throws Exception {
        ImageConfig c = ImageJson.readConfig(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8), "test config");
        byte[] out = ImageJson.write(c);
        JsonNode tree = Json.mapper().readTree(out);
        assertEquals("layers", tree.at("/rootfs/type").asText());
        assertTrue(tree.at("/rootfs/diff_ids/0").asText().startsWith("sha256:9547"));
        assertEquals("/bin/sh -c #(nop) ADD file:abc in / ", tree.at("/history/0/created_by").asText());
        assertTrue(tree.at("/history/1/empty_layer").asBoolean());
        assertEquals("5.10", tree.get("os.version").asText());
        assertEquals("20.10.23", tree.get("docker_version").asText());
        assertEquals("3f2a6a3f5b8c", tree.at("/container_config/Hostname").asText());
        assertEquals("nobody", tree.at("/config/User").asText());
        assertTrue(tree.at("/config/ExposedPorts/80~1tcp").isObject());
        assertEquals(30_000_000_000L, tree.at("/config/Healthcheck/Interval").asLong());
        assertEquals("sha256:1111111111111111111111111111111111111111111111111111111111111111", tree.at("/config/Image").asText());
        assertEquals("eyJmcm9udGVuZCI6ImRvY2tlcmZpbGUudjAifQ==", tree.get("moby.buildkit.buildinfo.v1").asText());
        assertTrue(tree.at("/config/extra").isMissingNode(), "extras are flattened, not nested");
        // A second round trip is byte-stable, so IDs of configs we create are reproducible.
        assertEquals(new String(out, StandardCharsets.UTF_8),
                new String(ImageJson.write(ImageJson.readConfig(out, "again")), StandardCharsets.UTF_8));
        assertEquals(c, ImageJson.readConfig(out, "again"));
    }

    @Test
    void writesAMinimalConfigExactly() {
        ImageConfig c = new ImageConfig("2024-01-02T03:04:05Z", null, "amd64", "linux", null, null, null,
                new ImageConfig.Config(null, null, List.of("PATH=/bin"), null, List.of("sh"), null, null, null,
                        null, null, null, null, null, null),
                ImageConfig.RootFs.layers(List.of(Digest.sha256(new byte[0]))),
                List.of(new ImageConfig.History("2024-01-02T03:04:05Z", "berth", null, null, null)),
                null, null, null, null);
        String json = new String(ImageJson.write(c), StandardCharsets.UTF_8);
        assertEquals("{\"created\":\"2024-01-02T03:04:05Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"]},"
                + "\"history\":[{\"created\":\"2024-01-02T03:04:05Z\",\"created_by\":\"berth\"}]}", json);
    }

    @Test
    void rejectsBadConfigs() {
        BerthException e = assertThrows(BerthException.class,
                () -> ImageJson.readConfig("{\"rootfs\":{\"type\":\"squashfs\"}}".getBytes(), "config sha256:x"));
        assertEquals("config sha256:x: unsupported rootfs type squashfs", e.getMessage());
        e = assertThrows(BerthException.class, () -> ImageJson.readConfig("{not json".getBytes(), "config sha256:y"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().startsWith("config sha256:y: malformed JSON"), e.getMessage());
        e = assertThrows(BerthException.class,
                () -> ImageJson.readConfig("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:12\"]}}".getBytes(), "c"));
        assertTrue(e.getMessage().contains("invalid checksum digest length"), e.getMessage());
    }

    @Test
    void missingOrOddCreatedTimeIsEmpty() {
        assertTrue(ImageJson.readConfig("{}".getBytes(), "c").createdInstant().isEmpty());
        assertTrue(ImageJson.readConfig("{\"created\":\"yesterday\"}".getBytes(), "c").createdInstant().isEmpty());
        assertEquals(Instant.parse("2024-01-01T22:00:00Z"),
                ImageJson.readConfig("{\"created\":\"2024-01-02T00:00:00+02:00\"}".getBytes(), "c").createdInstant().orElseThrow());
    }
}
