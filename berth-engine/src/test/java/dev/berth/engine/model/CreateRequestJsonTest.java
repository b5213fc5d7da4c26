package dev.berth.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.BerthException;
import dev.berth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateRequestJsonTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CreateRequestJsonTest.class.getResourceAsStream("/dev/berth/engine/spec/" + name + ".json")) {
            return in.readAllBytes();
        }
    }

    private static CreateRequest parse(String json) {
        return CreateRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheCli28Body() throws IOException {
        CreateRequest r = CreateRequest.parse(resource("run-it-many-flags"));
        ContainerConfig c = r.config();
        assertEquals("busybox", c.image());
        assertEquals("nobody", c.user());
        assertEquals(true, c.tty());
        assertEquals(true, c.openStdin());
        assertEquals(List.of("A=1"), c.env());
        assertEquals(List.of("sh"), c.cmd());
        assertNull(c.entrypoint());
        assertEquals(Map.of(), c.volumes());
        HostConfig h = r.hostConfig();
        assertEquals(List.of("/host:/data:ro"), h.binds());
        assertEquals(new LogConfig("", Map.of()), h.logConfig());
        assertEquals(new RestartPolicy("no", 0), h.restartPolicy());
        assertEquals(List.of(40, 100), h.consoleSize());
        assertEquals(List.of("CAP_NET_ADMIN"), h.capAdd());
        assertEquals(List.of("CAP_CHOWN"), h.capDrop());
        assertEquals(true, h.readonlyRootfs());
        assertEquals(Map.of("/run", ""), h.tmpfs());
        assertEquals(Map.of("net.ipv4.ip_forward", "1"), h.sysctls());
        assertEquals(67108864L, h.memory());
        assertEquals(500_000_000L, h.nanoCpus());
        assertEquals(-1L, h.memorySwappiness());
        assertEquals(50L, h.pidsLimit());
        assertEquals(List.of(new Ulimit("nofile", 100L, 200L)), h.ulimits());
        assertEquals(List.of("no-new-privileges"), h.securityOpt());
        assertEquals(List.of(), h.blkioWeightDevice());
        assertNull(h.maskedPaths());
        EndpointSettings def = r.networkingConfig().endpointsConfig().get("default");
        assertEquals("", def.macAddress());
        assertEquals(0, def.ipPrefixLen());
    }

    @Test
    void readsMountsDevicesAndPorts() throws IOException {
        CreateRequest r = CreateRequest.parse(resource("run-entrypoint-mounts"));
        assertEquals(List.of(""), r.config().entrypoint());
        assertNull(r.config().cmd());
        assertEquals(Map.of("80/tcp", Map.of()), r.config().exposedPorts());
        HostConfig h = r.hostConfig();
        assertEquals(List.of(new Mount("tmpfs", null, "/cache", null, null, null, null, new Mount.TmpfsOptions(10485760L, 01770)),
                new Mount("bind", "/host", "/mnt/h", true, null, new Mount.BindOptions("rslave", null), null, null)), h.mounts());
        assertEquals(List.of(new DeviceMapping("/dev/null", "/dev/xnull", "rw")), h.devices());
        assertEquals(Map.of("80/tcp", List.of(new PortBinding("", "8080"))), h.portBindings());
        assertEquals(true, h.init());
        assertEquals(true, h.autoRemove());
        assertEquals(134217728L, h.shmSize());
        assertEquals(List.of("10"), h.groupAdd());
    }

    @Test
    void nullAndEmptyEntrypointStayDistinct() {
        assertNull(parse("{\"Entrypoint\":null}").config().entrypoint());
        assertEquals(List.of(), parse("{\"Entrypoint\":[]}").config().entrypoint());
        assertNull(parse("{}").config().entrypoint());
    }

    @Test
    void stringSlicesAcceptASingleString() {
        CreateRequest r = parse("{\"Cmd\":\"echo hi\",\"Entrypoint\":\"/bin/sh\",\"HostConfig\":{\"CapAdd\":\"NET_ADMIN\"}}");
        assertEquals(List.of("echo hi"), r.config().cmd());
        assertEquals(List.of("/bin/sh"), r.config().entrypoint());
        assertEquals(List.of("NET_ADMIN"), r.hostConfig().capAdd());
    }

    @Test
    void namesMatchInAnyCaseAndUnknownFieldsAreIgnored() {
        CreateRequest r = parse("{\"image\":\"alpine\",\"cmd\":[\"true\"],\"Unknown\":{\"x\":1},"
                + "\"hostconfig\":{\"memory\":1048576,\"GwPriority\":3,\"Annotations\":{\"a\":\"b\"}},\"networkingconfig\":null}");
        assertEquals("alpine", r.config().image());
        assertEquals(List.of("true"), r.config().cmd());
        assertEquals(1048576L, r.hostConfig().memory());
        assertNull(r.networkingConfig());
    }

    @Test
    void writesOneFlatObjectWithoutNulls() {
        CreateRequest r = new CreateRequest(ContainerConfig.builder().image("busybox").cmd(List.of("true")).build(),
                HostConfig.builder().networkMode("host").privileged(true)
                        .restartPolicy(new RestartPolicy("on-failure", 3)).build(), null);
        JsonNode tree = Json.mapper().valueToTree(r);
        assertEquals("{\"Cmd\":[\"true\"],\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"host\","
                + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3},\"Privileged\":true}}", tree.toString());
        assertEquals(r, CreateRequest.parse(Json.bytes(r)));
    }

    @Test
    void roundTripsTheCapturedBody() throws IOException {
        CreateRequest r = CreateRequest.parse(resource("run-entrypoint-mounts"));
        CreateRequest again = CreateRequest.parse(Json.bytes(r));
        assertEquals(r, again);
        JsonNode written = Json.mapper().readTree(Json.bytes(r));
        assertTrue(written.has("HostConfig"));
        assertFalse(written.has("config"), "no Java names leak into the JSON");
        assertEquals(1016, written.at("/HostConfig/Mounts/0/TmpfsOptions/Mode").asInt());
    }

    @Test
    void jacksonReadsItAsAValueToo() {
        CreateRequest r = Json.mapper().convertValue(Map.of("Image", "busybox", "HostConfig", Map.of("ShmSize", 1024)), CreateRequest.class);
        assertEquals("busybox", r.config().image());
        assertEquals(1024L, r.hostConfig().shmSize());
    }

    @Test
    void malformedBodiesAreInvalidArguments() {
        BerthException e = assertThrows(BerthException.class, () -> parse("{\"Image\":"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        e = assertThrows(BerthException.class, () -> parse("[1,2]"));
        assertEquals("malformed container config: expected a JSON object, got array", e.getMessage());
        e = assertThrows(BerthException.class, () -> parse("{\"HostConfig\":{\"Memory\":\"lots\"}}"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        e = assertThrows(BerthException.class, () -> parse(" "));
        assertEquals("malformed container config: EOF", e.getMessage());
        assertEquals(new CreateRequest(null, null, null), parse("null"));
    }

    @Test
    void recordsAreUnmodifiable() {
        HostConfig h = HostConfig.builder().binds(new java.util.ArrayList<>(List.of("/a:/b"))).build();
        assertThrows(UnsupportedOperationException.class, () -> h.binds().add("/c:/d"));
    }
}
