package dev.berth.engine.spec;

import static dev.berth.engine.spec.Fixtures.body;
import static dev.berth.engine.spec.Fixtures.input;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.Json;
import dev.berth.engine.model.CreateRequest;
import dev.berth.engine.model.Mount;
import dev.berth.runtime.user.UserResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The specs dockerd 20.10.24 wrote for the same `docker run` flags (config.json taken from its
 * containerd bundles on this machine kind, cgroup v1 controllers), against Berth's for the captured
 * CLI 28 bodies. The goldens leave out what is not the generator's: dockerd's seccomp and AppArmor
 * profiles, libnetwork hook, network files, cgroups and root paths, the reference daemon's
 * --default-ulimit, the network namespace of its host sandbox, and the zero CPU shares and blkio
 * weight dockerd writes (runc ignores zeros; Berth leaves them out).
 *
 * <p>Known, deliberate differences removed before comparing: masked paths (Berth masks Docker's
 * current, longer list), process.consoleSize (Berth passes the CLI's size, as dockerd 23+ does),
 * and, for one case, the blkio weight the reference host's kernel could not apply (dockerd dropped it
 * with a warning; Berth leaves that to the runtime).
 */
class DockerdParityTest {
    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = DockerdParityTest.class.getResourceAsStream("dockerd-" + name + ".json")) {
            return Json.mapper().readTree(in);
        }
    }

    private static CreateRequest sleep60(CreateRequest r) {
        return new CreateRequest(r.config().toBuilder().cmd(List.of("sleep", "60")).build(), r.hostConfig(), r.networkingConfig());
    }

    private static void assertSameAsDockerd(String golden, SpecInput in, String... alsoDrop) throws IOException {
        JsonNode expected = golden(golden);
        JsonNode actual = Json.mapper().readTree(Json.bytes(SpecGenerator.generate(in)));
        for (JsonNode n : List.of(expected, actual)) {
            ((ObjectNode) n.get("linux")).remove("maskedPaths");
            ((ObjectNode) n.get("process")).remove("consoleSize");
            ((ObjectNode) n.get("root")).remove("path");
            for (String path : alsoDrop) {
                int slash = path.lastIndexOf('/');
                JsonNode parent = n.at(path.substring(0, slash));
                if (parent instanceof ObjectNode o) o.remove(path.substring(slash + 1));
            }
        }
        // Node equality: field order differs between Go's and Jackson's writers, array order does not.
        assertEquals(expected, actual, () -> "dockerd:\n" + expected.toPrettyString() + "\nberth:\n" + actual.toPrettyString());
    }

    @Test
    void plainRun() throws IOException {
        assertSameAsDockerd("run-echo", input(sleep60(body("run-echo")), Path.of("/rootfs")).build());
    }

    @Test
    void interactiveRunWithManyFlags() throws IOException {
        assertSameAsDockerd("run-it-many-flags",
                input(sleep60(body("run-it-many-flags")), Path.of("/rootfs"), Fixtures.NOBODY).build());
    }

    @Test
    void resourcesWithHostPidAndUts() throws IOException {
        assertSameAsDockerd("run-resources", input(sleep60(body("run-resources")), Path.of("/rootfs")).build(),
                "/linux/resources/blockIO");
    }

    @Test
    void initTmpfsBindDeviceAndShmSize() throws IOException {
        // The reference run had neither --group-add nor bind-propagation=rslave (dockerd refused rslave
        // for a source on a private mount).
        CreateRequest r = Fixtures.withHost(sleep60(body("run-entrypoint-mounts")), b -> b.groupAdd(null)
                .mounts(b.build().mounts().stream().map(m -> m.bindOptions() == null ? m
                        : new Mount(m.type(), m.source(), m.target(), m.readOnly(), null, null, null, null)).toList()));
        assertSameAsDockerd("run-entrypoint-mounts", input(r, Path.of("/rootfs"))
                .initBinary(Path.of("/usr/bin/docker-init")).build());
    }

    @Test
    void hostIpcAndHostNetwork() throws IOException {
        CreateRequest r = Fixtures.withHost(sleep60(body("run-network-host")), b -> b.ipcMode("host"));
        assertSameAsDockerd("ipc-host-network-host", input(r, Path.of("/rootfs"), new UserResolver.ExecUser(0, 0, List.of(0), "/root"))
                .hostname("vm").build());
    }
}
