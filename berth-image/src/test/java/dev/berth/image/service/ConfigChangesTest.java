package dev.berth.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.common.BerthException;
import dev.berth.image.model.ImageConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
    private static final ImageConfig.Config BUSYBOX = new ImageConfig.Config(null, null,
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), null, List.of("sh"), null, null, null,
            null, null, null, null, null, null);

    private static ImageConfig.Config apply(String... changes) {
        return ConfigChanges.apply(BUSYBOX, List.of(changes));
    }

    private static String error(String... changes) {
        BerthException e = assertThrows(BerthException.class, () -> apply(changes));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, e.kind());
        return e.getMessage();
    }

    @Test
    void noChangesReturnTheConfigItself() {
        assertSame(BUSYBOX, ConfigChanges.apply(BUSYBOX, List.of()));
    }

    @Test
    void dockersOwnExampleFromTheReferenceDaemon() {
        // docker commit -c 'ENV A=1 B=$A' -c 'ENTRYPOINT ["/bin/x"]' -c 'EXPOSE 80 90/udp' on dockerd 20.10
        ImageConfig.Config c = apply("ENV A=1 B=$A", "ENTRYPOINT [\"/bin/x\"]", "EXPOSE 80 90/udp");
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1", "B="), c.env());
        assertEquals(List.of("/bin/x"), c.entrypoint());
        assertNull(c.cmd(), "ENTRYPOINT without a CMD in the same changes clears Cmd");
        assertEquals(Map.of("80/tcp", Map.of(), "90/udp", Map.of()), c.exposedPorts());
    }

    @Test
    void instructionsOtherThanTheCommitOnesAreRefusedWithDockersMessage() {
        assertEquals("run is not a valid change command", error("RUN echo hi"));
        assertEquals("foo is not a valid change command", error("FOO x"));
        assertEquals("copy is not a valid change command", error("CMD [\"sh\"]", "COPY a b"));
        assertEquals("from is not a valid change command", error("from busybox"));
    }

    @Test
    void cmdShellAndExecForms() {
        assertEquals(List.of("/bin/sh", "-c", "echo hi  there"), apply("CMD echo hi  there").cmd());
        assertEquals(List.of("echo", "hi"), apply("cmd [\"echo\", \"hi\"]").cmd());
        assertEquals(List.of("/bin/sh", "-c", "[not json"), apply("CMD [not json").cmd());
        assertEquals("when using JSON array syntax, arrays must be comprised of strings only", error("CMD [1, 2]"));
        ImageConfig.Config both = apply("CMD [\"a\"]", "ENTRYPOINT [\"b\"]");
        assertEquals(List.of("a"), both.cmd(), "a CMD before ENTRYPOINT survives");
        assertEquals(List.of("b"), both.entrypoint());
        assertEquals(List.of("/bin/sh", "-c", "run me"), apply("ENTRYPOINT run me").entrypoint());
    }

    @Test
    void envFormsQuotesAndExpansion() {
        ImageConfig.Config c = apply("ENV X=1", "ENV Y=\"two words\" Z=${X:-d}/$X W=${NOPE:-dflt} V=\\$X Q='$X'", "ENV OLD legacy value here");
        List<String> env = c.env();
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "X=1", "Y=two words", "Z=1/1",
                "W=dflt", "V=$X", "Q=$X", "OLD=legacy value here"), env);
        assertEquals(List.of("PATH=/x"), apply("ENV PATH=/x").env().subList(0, 1), "an existing key is replaced in place");
        assertEquals("ENV requires at least one argument", error("ENV"));
        assertEquals("ENV must have two arguments", error("ENV onlykey"));
        assertEquals("Syntax error - can't find = in \"b\". Must be of the form: name=value", error("ENV a=1 b"));
    }

    @Test
    void labelsVolumesUserWorkdirStopsignal() {
        ImageConfig.Config c = apply("LABEL a=b \"c d\"=\"e f\"", "VOLUME [\"/data\", \"/logs\"]", "VOLUME /x /y",
                "USER nobody", "WORKDIR /srv", "WORKDIR app", "WORKDIR ../lib/.", "STOPSIGNAL SIGINT");
        assertEquals(Map.of("a", "b", "c d", "e f"), c.labels());
        assertEquals(List.of("/data", "/logs", "/x", "/y"), List.copyOf(c.volumes().keySet()));
        assertEquals("nobody", c.user());
        assertEquals("/srv/lib", c.workingDir());
        assertEquals("SIGINT", c.stopSignal());
        assertEquals("Invalid signal: SIGNOPE", error("STOPSIGNAL SIGNOPE"));
        assertEquals("RTMIN+3", apply("STOPSIGNAL RTMIN+3").stopSignal());
        assertEquals("USER requires exactly one argument", error("USER"));
        assertEquals("VOLUME requires at least one argument", error("VOLUME"));
        assertEquals("VOLUME specified can not be an empty string", error("VOLUME [\"\"]"));
    }

    @Test
    void exposeRangesProtocolsAndVariables() {
        ImageConfig.Config c = apply("ENV P=\"8080 9090\"", "EXPOSE 7000-7002/udp $P 53/sctp");
        assertEquals(Map.of("7000/udp", Map.of(), "7001/udp", Map.of(), "7002/udp", Map.of(), "8080/tcp", Map.of(),
                "9090/tcp", Map.of(), "53/sctp", Map.of()), c.exposedPorts());
        assertEquals("invalid proto: foo", error("EXPOSE 80/foo"));
        assertEquals("invalid containerPort: http", error("EXPOSE http"));
    }

    @Test
    void healthcheckAndOnbuild() {
        ImageConfig.Healthcheck h = apply("HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://x/").healthcheck();
        assertEquals(List.of("CMD-SHELL", "curl -f http://x/"), h.test());
        assertEquals(30_000_000_000L, h.interval());
        assertEquals(3, h.retries());
        assertNull(h.timeout());
        assertEquals(List.of("CMD", "true"), apply("HEALTHCHECK --timeout=1m30s CMD [\"true\"]").healthcheck().test());
        assertEquals(90_000_000_000L, apply("HEALTHCHECK --timeout=1m30s CMD [\"true\"]").healthcheck().timeout());
        assertEquals(List.of("NONE"), apply("HEALTHCHECK NONE").healthcheck().test());
        assertEquals("Interval \"interval\" cannot be less than 1ms", error("HEALTHCHECK --interval=10us CMD true"));
        assertEquals("unknown flag: bogus", error("HEALTHCHECK --bogus=1 CMD true"));
        assertEquals("unknown flag: interval", error("CMD --interval=1s x"));
        assertEquals("Unknown type \"PING\" in HEALTHCHECK (try CMD)", error("HEALTHCHECK PING x"));
        assertEquals(List.of("RUN echo built"), apply("ONBUILD RUN echo built").onBuild());
        assertEquals("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", error("ONBUILD ONBUILD RUN x"));
        assertEquals("FROM isn't allowed as an ONBUILD trigger", error("ONBUILD from x"));
    }

    @Test
    void continuationsCommentsAndCase() {
        ImageConfig.Config c = apply("# a comment", "env A=1 \\", "  B=2", "", "Cmd [\"x\"]");
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1", "B=2"), c.env());
        assertEquals(List.of("x"), c.cmd());
    }

    @Test
    void importStartsFromAnEmptyConfig() {
        ImageConfig.Config c = ConfigChanges.apply(null, List.of("CMD [\"/app\"]", "ENV A=b"));
        assertEquals(List.of("/app"), c.cmd());
        assertEquals(List.of("A=b"), c.env());
    }

    @Test
    void commitMergeFillsWhatTheChangedConfigLeavesEmpty() {
        ImageConfig.Config container = new ImageConfig.Config("app", Map.of("80/tcp", Map.of()), List.of("A=1", "B=2"), null,
                List.of("run"), Map.of("/v", Map.of()), "/w", Map.of("l", "1"), "SIGTERM", null, null, null, null, null);
        ImageConfig.Config changed = ConfigChanges.apply(container, List.of("ENV B=3 C=4", "EXPOSE 90", "ENTRYPOINT [\"/e\"]"));
        ImageConfig.Config merged = CommitConfigMerge.merge(changed, container);
        assertEquals(List.of("A=1", "B=3", "C=4"), merged.env());
        assertEquals(List.of("/e"), merged.entrypoint());
        assertNull(merged.cmd(), "an Entrypoint set by the changes keeps Cmd empty");
        assertEquals(Map.of("80/tcp", Map.of(), "90/tcp", Map.of()), merged.exposedPorts());
        assertEquals("app", merged.user());
        assertEquals(Map.of("l", "1"), merged.labels());
        ImageConfig.Config noEntrypoint = CommitConfigMerge.merge(ConfigChanges.apply(container, List.of("USER x")), container);
        assertEquals(List.of("run"), noEntrypoint.cmd());
        assertEquals("x", noEntrypoint.user());
    }

    @Test
    void goDurations() {
        assertEquals(1_500_000_000L, ChangeValues.goDuration("1.5s"));
        assertEquals(3_723_000_000_000L, ChangeValues.goDuration("1h2m3s"));
        assertEquals(0, ChangeValues.goDuration("0"));
        assertEquals("time: missing unit in duration \"10\"",
                assertThrows(BerthException.class, () -> ChangeValues.goDuration("10")).getMessage());
        assertEquals("time: invalid duration \"abc\"",
                assertThrows(BerthException.class, () -> ChangeValues.goDuration("abc")).getMessage());
    }
}
