package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.client.StreamDemux;
import dev.berth.cli.testing.Cli;
import dev.berth.cli.testing.FakeDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command behaviours against a scripted daemon: outputs, errors and exit codes. */
class CommandsTest {
    @TempDir
    Path dir;

    @Test
    void logsDemultiplexesUnlessTty() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            if (r.path().endsWith("/json")) {
                FakeDaemon.respond(out, 200, "{\"Id\":\"abc\",\"Config\":{\"Tty\":" + r.path().contains("tty") + "}}");
            } else {
                byte[] payload = r.path().contains("abc") ? concat(StreamDemux.frame(1, bytes("o1\n")), StreamDemux.frame(2, bytes("e1\n")))
                        : bytes("raw\r\n");
                FakeDaemon.respondChunked(out, 200, null, List.of(payload));
            }
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("l.sock"), "1.43", h)) {
            Cli.Result r = Cli.run(d.host(), "", "logs", "--tail", "5", "-t", "c1");
            assertEquals(0, r.exit());
            assertEquals("o1\n", r.out());
            assertEquals("e1\n", r.err());
            assertEquals("stderr=1&stdout=1&tail=5&timestamps=1", d.find("GET", "/logs").query());
        }
    }

    @Test
    void inspectTriesEveryKindThenSaysNoSuchObject() throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir.resolve("n.sock"), "1.43", FakeDaemon.routes(Map.of(
                "GET /containers/web/json", r -> "{\"Id\":\"1\",\"State\":{\"Pid\":7},\"Config\":{\"Labels\":null}}")))) {
            Cli.Result r = Cli.run(d.host(), "", "inspect", "nosuch");
            assertEquals(1, r.exit());
            assertEquals("[]\n", r.out());
            assertEquals("Error: No such object: nosuch\n", r.err());
            Cli.Result ok = Cli.run(d.host(), "", "inspect", "web");
            assertEquals("[\n    {\n        \"Id\": \"1\",\n        \"State\": {\n            \"Pid\": 7\n        },\n        \"Config\": {\n"
                    + "            \"Labels\": null\n        }\n    }\n]\n", ok.out());
            Cli.Result f = Cli.run(d.host(), "", "inspect", "-f", "{{.State.Pid}} {{.Config.Labels}} {{json .Config}}", "web");
            assertEquals("7 map[] {\"Labels\":null}\n", f.out());
            Cli.Result both = Cli.run(d.host(), "", "inspect", "--format", "{{.Id}}", "web", "nosuch");
            assertEquals("1\n", both.out());
            assertEquals("Error: No such object: nosuch\n", both.err());
            assertEquals(1, both.exit());
        }
    }

    @Test
    void stopPrintsNamesAndJoinsErrors() throws Exception {
        FakeDaemon.Handler h = (r, in, out, ch) -> {
            if (r.path().contains("/nosuch/")) FakeDaemon.respond(out, 404, "{\"message\":\"No such container: nosuch\"}");
            else if (r.path().contains("/done/")) out.write("HTTP/1.1 304 Not Modified\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            else out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
        try (FakeDaemon d = new FakeDaemon(dir.resolve("s.sock"), "1.41", h)) {
            Cli.Result r = Cli.run(d.host(), "", "stop", "-t", "1", "-s", "KILL", "a", "nosuch", "done");
            assertEquals(1, r.exit());
            assertEquals("a\ndone\n", r.out());
            assertEquals("Error response from daemon: No such container: nosuch\n", r.err());
            // at API 1.41 the signal is dropped, as CLI 28 does
            assertEquals("/v1.41/containers/a/stop?t=1", d.find("POST", "/containers/a/stop").target());
        }
    }

    @Test
    void rmiPrintsUntaggedAndDeleted() throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir.resolve("i.sock"), "1.43", FakeDaemon.routes(Map.of(
                "DELETE /images/busybox", r -> "[{\"Untagged\":\"busybox:latest\"},{\"Deleted\":\"sha256:abc\"}]")))) {
            Cli.Result r = Cli.run(d.host(), "", "rmi", "busybox");
            assertEquals("Untagged: busybox:latest\nDeleted: sha256:abc\n", r.out());
            assertEquals(0, r.exit());
            Cli.Result f = Cli.run(d.host(), "", "rmi", "-f", "nosuch");
            assertEquals(0, f.exit(), "with -f a missing image is only reported");
            assertEquals("Error response from daemon: page not found\n", f.err());
        }
    }

    @Test
    void psAsksForSizesOnlyWhenTheTemplateUsesThem() throws Exception {
        String list = "[{\"Id\":\"" + "a".repeat(64) + "\",\"Names\":[\"/x\"],\"Image\":\"busybox\",\"ImageID\":\"sha256:" + "b".repeat(64)
                + "\",\"Command\":\"true\",\"Created\":0,\"Ports\":[],\"State\":\"exited\",\"Status\":\"Exited (0)\",\"SizeRw\":12}]";
        try (FakeDaemon d = new FakeDaemon(dir.resolve("p.sock"), "1.43", FakeDaemon.routes(Map.of("GET /containers/json", r -> list)))) {
            assertEquals("x 12B\n", Cli.run(d.host(), "", "ps", "-a", "--format", "{{.Names}} {{.Size}}").out());
            assertEquals("all=1&size=1", d.requests().get(1).query());
            assertEquals("aaaaaaaaaaaa\n", Cli.run(d.host(), "", "ps", "-aq", "--filter", "status=exited").out());
            assertEquals("all=1&filters=%7B%22status%22%3A%7B%22exited%22%3Atrue%7D%7D", d.requests().get(3).query());
            Cli.Result bad = Cli.run(d.host(), "", "ps", "--format", "{{.Nope}}");
            assertEquals(1, bad.exit());
            assertTrue(bad.err().startsWith("failed to execute template: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope"), bad.err());
        }
    }

    @Test
    void pruneConfirmsAndReports() throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir.resolve("pr.sock"), "1.43", FakeDaemon.routes(Map.of(
                "POST /containers/prune", r -> "{\"ContainersDeleted\":[\"abc\",\"def\"],\"SpaceReclaimed\":1536}",
                "POST /images/prune", r -> "{\"ImagesDeleted\":[{\"Untagged\":\"x:1\"},{\"Deleted\":\"sha256:1\"}],\"SpaceReclaimed\":0}")))) {
            Cli.Result no = Cli.run(d.host(), "n\n", "container", "prune");
            assertEquals(1, no.exit());
            assertEquals("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ", no.out());
            assertEquals("container prune has been cancelled\n", no.err());
            assertEquals(null, d.find("POST", "/containers/prune"));
            Cli.Result yes = Cli.run(d.host(), "y\n", "container", "prune", "--filter", "until=1h");
            assertEquals(0, yes.exit(), yes.err());
            assertTrue(yes.out().endsWith("Deleted Containers:\nabc\ndef\n\nTotal reclaimed space: 1.536kB\n"), yes.out());
            assertEquals("filters=%7B%22until%22%3A%7B%221h%22%3Atrue%7D%7D", d.find("POST", "/containers/prune").query());
            Cli.Result images = Cli.run(d.host(), "", "image", "prune", "-f", "-a");
            assertEquals("Deleted Images:\nuntagged: x:1\ndeleted: sha256:1\n\nTotal reclaimed space: 0B\n", images.out());
            assertEquals("filters=%7B%22dangling%22%3A%7B%22false%22%3Atrue%7D%7D", d.find("POST", "/images/prune").query());
        }
    }

    @Test
    void versionWithoutDaemonPrintsTheClientAndFails() {
        Cli.Result r = Cli.run("unix://" + dir.resolve("none.sock"), "", "version", "--format", "{{.Client.Version}}");
        assertEquals(1, r.exit());
        assertEquals("0.1.0\n", r.out());
        assertEquals("Cannot connect to the Berth daemon at unix://" + dir.resolve("none.sock")
                + ". Is berthd running? Start it with `berthd` (or `berth daemon start`).\n", r.err());
    }

    @Test
    void flagErrorsAreDockers() {
        Cli.Result r = Cli.run("unix:///nonexistent", "", "ps", "--nope");
        assertEquals(125, r.exit());
        assertEquals("unknown flag: --nope\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information\n", r.err());
        Cli.Result a = Cli.run("unix:///nonexistent", "", "logs", "a", "b");
        assertEquals(1, a.exit());
        assertEquals("berth: 'berth logs' requires 1 argument\n\nUsage:  berth logs [OPTIONS] CONTAINER\n\nRun 'berth logs --help' for more information\n", a.err());
        Cli.Result u = Cli.run("unix:///nonexistent", "", "nosuchcmd");
        assertEquals("berth: unknown command: berth nosuchcmd\n\nRun 'berth --help' for more information\n", u.err());
        Cli.Result h = Cli.run("unix:///nonexistent", "", "container", "ls", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().startsWith("Usage:  berth container ls [OPTIONS]\n\nList containers\n\nOptions:\n"), h.out());
        assertTrue(h.out().contains("  -a, --all "), h.out());
    }

    @Test
    void flagParserFollowsPflag() {
        RunCmd run = new RunCmd();
        List<String> rest = new FlagParser(run).parse(List.of("-dit", "-eA=1", "-e=B=2", "--name=x", "--rm=false", "-m", "64m", "busybox", "-d", "x"), false, false);
        assertEquals(List.of("busybox", "-d", "x"), rest);
        assertTrue(run.detach && run.flags.interactive && run.flags.tty);
        assertEquals(List.of("A=1", "B=2"), run.flags.env);
        assertEquals("x", run.flags.name);
        assertEquals(64L << 20, run.flags.memory);
        PsCmd ps = new PsCmd();
        assertEquals(List.of("extra"), new FlagParser(ps).parse(List.of("-a", "extra", "-q"), true, false));
        assertTrue(ps.all && ps.quiet);
        assertEquals("unknown shorthand flag: 'z' in -az",
                org.junit.jupiter.api.Assertions.assertThrows(FlagParser.FlagError.class, () -> new FlagParser(new PsCmd()).parse(List.of("-az"), true, false)).getMessage());
        assertEquals("flag needs an argument: 'n' in -n",
                org.junit.jupiter.api.Assertions.assertThrows(FlagParser.FlagError.class, () -> new FlagParser(new PsCmd()).parse(List.of("-n"), true, false)).getMessage());
        assertEquals("invalid argument \"x\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
                org.junit.jupiter.api.Assertions.assertThrows(FlagParser.FlagError.class, () -> new FlagParser(new PsCmd()).parse(List.of("-n", "x"), true, false)).getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
