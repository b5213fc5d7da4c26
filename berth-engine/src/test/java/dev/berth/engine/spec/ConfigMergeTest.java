package dev.berth.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.engine.model.ContainerConfig;
import dev.berth.image.model.ImageConfig;
import dev.berth.oci.runtime.SpecDefaults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMergeTest {
    private static final ImageConfig.Config IMAGE = new ImageConfig.Config("app", Map.of("80/tcp", Map.of()),
            List.of("PATH=/usr/bin:/bin", "MODE=prod", "EMPTY="), List.of("/entry.sh"), List.of("serve", "--port", "80"),
            Map.of("/data", Map.of()), "/app", Map.of("org.label", "image", "only.image", "x"), "SIGQUIT",
            new ImageConfig.Healthcheck(List.of("CMD", "check"), 30_000_000_000L, 5_000_000_000L, null, null, 3),
            null, null, null, null);

    private static List<String> args(ContainerConfig request) {
        return ConfigMerge.args(ConfigMerge.merge(request, IMAGE));
    }

    private static ContainerConfig.Builder req() {
        return ContainerConfig.builder();
    }

    @Test
    void entrypointAndCmdRules() {
        assertEquals(List.of("/entry.sh", "serve", "--port", "80"), args(req().build()), "all from the image");
        assertEquals(List.of("/entry.sh", "sh"), args(req().cmd(List.of("sh")).build()), "Cmd replaces the image's Cmd");
        assertEquals(List.of("/bin/sh"), args(req().entrypoint(List.of("/bin/sh")).build()),
                "a new Entrypoint drops the image's Cmd");
        assertEquals(List.of("/bin/sh", "-c", "x"), args(req().entrypoint(List.of("/bin/sh")).cmd(List.of("-c", "x")).build()));
        assertEquals(List.of("serve", "--port", "80"), args(req().entrypoint(List.of()).build()),
                "[] removes the entrypoint but keeps the image's Cmd");
        assertEquals(List.of("ls"), args(req().entrypoint(List.of("")).cmd(List.of("ls")).build()),
                "--entrypoint \"\" removes it and Cmd is the request's");
        BerthException e = assertThrows(BerthException.class, () -> args(req().entrypoint(List.of("")).build()));
        assertEquals("No command specified", e.getMessage());
        assertNull(ConfigMerge.merge(req().entrypoint(List.of("")).cmd(List.of("ls")).build(), IMAGE).entrypoint());
        e = assertThrows(BerthException.class, () -> ConfigMerge.args(ConfigMerge.merge(req().build(), null)));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void envIsTheRequestsThenTheImagesOthers() {
        ContainerConfig m = ConfigMerge.merge(req().env(List.of("MODE=dev", "A=1")).build(), IMAGE);
        assertEquals(List.of("MODE=dev", "A=1", "PATH=/usr/bin:/bin", "EMPTY="), m.env());
        assertEquals(IMAGE.env(), ConfigMerge.merge(req().env(List.of()).build(), IMAGE).env());
    }

    @Test
    void processEnvPutsDockersDefaultsFirstAndLetsTheConfigOverride() {
        assertEquals(List.of("PATH=/usr/bin:/bin", "HOSTNAME=h", "TERM=xterm", "MODE=prod", "EMPTY="),
                ConfigMerge.processEnv(IMAGE.env(), "h", true));
        assertEquals(List.of(SpecDefaults.DEFAULT_PATH_ENV, "HOSTNAME=web", "A=1"),
                ConfigMerge.processEnv(List.of("A=1"), "web", false));
        assertEquals(List.of(SpecDefaults.DEFAULT_PATH_ENV, "TERM=dumb", "X=1"),
                ConfigMerge.processEnv(List.of("HOSTNAME", "TERM=dumb", "X=1", "NOTSET"), "web", true),
                "a name without '=' unsets it");
        assertEquals(List.of(SpecDefaults.DEFAULT_PATH_ENV, "HOSTNAME=h"), ConfigMerge.processEnv(null, "h", false));
    }

    @Test
    void otherFieldsFillFromTheImage() {
        ContainerConfig m = ConfigMerge.merge(req().labels(Map.of("org.label", "mine")).exposedPorts(Map.of("53/udp", Map.of()))
                .volumes(Map.of("/logs", Map.of())).build(), IMAGE);
        assertEquals("app", m.user());
        assertEquals("/app", m.workingDir());
        assertEquals("SIGQUIT", m.stopSignal());
        assertEquals(Map.of("org.label", "mine", "only.image", "x"), m.labels());
        assertEquals(Map.of("53/udp", Map.of(), "80/tcp", Map.of()), m.exposedPorts());
        assertEquals(Map.of("/logs", Map.of(), "/data", Map.of()), m.volumes());
        assertEquals(IMAGE.healthcheck(), m.healthcheck());
        ContainerConfig own = ConfigMerge.merge(req().user("1000:1000").workingDir("/w").stopSignal("SIGINT").build(), IMAGE);
        assertEquals("1000:1000", own.user());
        assertEquals("/w", own.workingDir());
        assertEquals("SIGINT", own.stopSignal());
    }

    @Test
    void healthcheckZeroFieldsInherit() {
        ContainerConfig m = ConfigMerge.merge(req().healthcheck(new ImageConfig.Healthcheck(null, 10_000_000_000L, 0L, null, null, 0)).build(), IMAGE);
        assertEquals(new ImageConfig.Healthcheck(List.of("CMD", "check"), 10_000_000_000L, 5_000_000_000L, null, null, 3), m.healthcheck());
    }
}
