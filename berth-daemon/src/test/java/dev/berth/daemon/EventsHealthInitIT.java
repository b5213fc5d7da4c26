package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker events, health checks, --init and json-file rotation through the real docker CLI against berthd. */
class EventsHealthInitIT {
    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
    }

    @AfterEach
    void removeContainers() {
        d.daemon.removeEverything();
    }

    private static String unix(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    /** `docker events --since 1m --until 0s`: the CLI sends whole seconds, so this second's events come a second later. */
    private static List<JsonNode> events(DockerCli docker, String... filters) throws Exception {
        Thread.sleep(1100);
        List<String> args = new ArrayList<>(List.of("events", "--since", "1m", "--until", "0s", "--format", "{{json .}}"));
        for (String f : filters) args.addAll(List.of("--filter", f));
        DockerCli.Result r = docker.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) if (!line.isBlank()) out.add(Json.mapper().readTree(line));
        return out;
    }

    @Test
    void eventsOfARunShowItsLifecycleWithAttributes() throws Exception {
        DockerCli docker = d.docker();
        Instant before = Instant.now();
        DockerCli.Result run = docker.run("run", "--name", "evt", "--label", "team=berth", "busybox", "sh", "-c", "exit 3");
        assertEquals(3, run.exit(), run.err());
        assertEquals(0, docker.run("rm", "evt").exit());
        List<JsonNode> ev = events(docker, "container=evt");
        List<String> actions = ev.stream().map(e -> e.path("Action").asText()).toList();
        int create = actions.indexOf("create"), start = actions.indexOf("start"), die = actions.indexOf("die"),
                destroy = actions.indexOf("destroy");
        assertTrue(create >= 0 && create < start && start < die && die < destroy, actions.toString());
        JsonNode dieEvent = ev.get(die);
        assertEquals("container", dieEvent.path("Type").asText());
        assertEquals("die", dieEvent.path("status").asText());
        assertEquals("busybox", dieEvent.path("from").asText());
        assertEquals("local", dieEvent.path("scope").asText());
        JsonNode attrs = dieEvent.path("Actor").path("Attributes");
        assertEquals("3", attrs.path("exitCode").asText(), dieEvent.toString());
        assertEquals("busybox", attrs.path("image").asText());
        assertEquals("evt", attrs.path("name").asText());
        assertEquals("berth", attrs.path("team").asText());
        assertEquals(64, dieEvent.path("id").asText().length());
        long nano = dieEvent.path("timeNano").asLong();
        assertTrue(nano >= before.getEpochSecond() * 1_000_000_000L + before.getNano(), dieEvent.toString());
        assertEquals(nano / 1_000_000_000L, dieEvent.path("time").asLong());
        // Filters: only die events; another container's events are not shown.
        List<JsonNode> dies = events(docker, "container=evt", "event=die");
        assertEquals(1, dies.size(), dies.toString());
        assertTrue(events(docker, "container=nosuchcontainer").isEmpty());
        // An explicit window that ends before the run shows none of it.
        DockerCli.Result old = docker.run("events", "--since", unix(before.minusSeconds(30)), "--until", unix(before.minusSeconds(1)),
                "--filter", "container=evt");
        assertEquals(0, old.exit(), old.err());
        assertEquals("", old.out());
    }

    @Test
    void stopAndKillPublishSignalEvents() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "-d", "--name", "evk", "busybox", "sleep", "100").exit());
        assertEquals(0, docker.run("kill", "evk").exit());
        List<JsonNode> ev = events(docker, "container=evk");
        List<String> actions = ev.stream().map(e -> e.path("Action").asText()).toList();
        int kill = actions.indexOf("kill");
        assertTrue(kill >= 0 && actions.indexOf("die") > kill, actions.toString());
        assertEquals("9", ev.get(kill).path("Actor").path("Attributes").path("signal").asText());
        assertEquals("137", ev.get(actions.indexOf("die")).path("Actor").path("Attributes").path("exitCode").asText());
    }

    @Test
    void execAndImageEvents() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "-d", "--name", "evx", "busybox", "sleep", "100").exit());
        assertEquals(5, docker.run("exec", "evx", "sh", "-c", "exit 5").exit());
        assertEquals(0, docker.run("tag", "busybox", "evtimg:1").exit());
        assertEquals(0, docker.run("rmi", "evtimg:1").exit());
        List<JsonNode> ex = events(docker, "container=evx");
        List<String> actions = ex.stream().map(e -> e.path("Action").asText()).toList();
        assertTrue(actions.contains("exec_create: sh -c exit 5") && actions.contains("exec_start: sh -c exit 5"), actions.toString());
        JsonNode die = ex.get(actions.indexOf("exec_die"));
        assertEquals("5", die.path("Actor").path("Attributes").path("exitCode").asText());
        List<JsonNode> img = events(docker, "type=image", "image=evtimg:1");
        List<String> imgActions = img.stream().map(e -> e.path("Action").asText() + " " + e.path("Actor").path("Attributes").path("name").asText())
                .toList();
        assertEquals(List.of("tag evtimg:1", "untag evtimg:1"), imgActions);
        assertTrue(img.get(0).path("Actor").path("ID").asText().startsWith("sha256:"), img.toString());
    }

    private static String awaitHealth(DockerCli docker, String name, String want, int seconds) throws Exception {
        String status = "";
        for (int i = 0; i < seconds * 5; i++) {
            status = docker.run("inspect", "--format", "{{.State.Health.Status}}", name).out().strip();
            if (status.equals(want)) return status;
            Thread.sleep(200);
        }
        return status;
    }

    @Test
    void healthCheckBecomesHealthy() throws Exception {
        DockerCli docker = d.docker();
        DockerCli.Result run = docker.run("run", "-d", "--name", "hok", "--health-cmd", "echo fine", "--health-interval", "1s",
                "busybox", "sleep", "100");
        assertEquals(0, run.exit(), run.err());
        assertEquals("starting", docker.run("inspect", "--format", "{{.State.Health.Status}}", "hok").out().strip());
        assertEquals("healthy", awaitHealth(docker, "hok", "healthy", 10));
        DockerCli.Result log = docker.run("inspect", "--format", "{{json .State.Health}}", "hok");
        JsonNode h = Json.mapper().readTree(log.out());
        assertEquals(0, h.path("FailingStreak").asInt());
        JsonNode last = h.path("Log").get(h.path("Log").size() - 1);
        assertEquals(0, last.path("ExitCode").asInt());
        assertEquals("fine\n", last.path("Output").asText());
        assertTrue(docker.run("ps", "--format", "{{.Names}} {{.Status}}").out().contains("(healthy)"));
        List<JsonNode> ev = events(docker, "container=hok", "event=health_status");
        assertTrue(ev.stream().anyMatch(e -> e.path("Action").asText().equals("health_status: healthy")), ev.toString());
        // Docker keeps the last 5 results.
        Thread.sleep(6000);
        JsonNode later = Json.mapper().readTree(docker.run("inspect", "--format", "{{json .State.Health}}", "hok").out());
        assertEquals(5, later.path("Log").size(), later.toString());
    }

    @Test
    void failingHealthCheckBecomesUnhealthyAfterRetries() throws Exception {
        DockerCli docker = d.docker();
        DockerCli.Result run = docker.run("run", "-d", "--name", "hbad", "--health-cmd", "echo bad; exit 1", "--health-interval", "1s",
                "--health-retries", "2", "busybox", "sleep", "100");
        assertEquals(0, run.exit(), run.err());
        assertEquals("unhealthy", awaitHealth(docker, "hbad", "unhealthy", 10));
        JsonNode h = Json.mapper().readTree(docker.run("inspect", "--format", "{{json .State.Health}}", "hbad").out());
        assertTrue(h.path("FailingStreak").asInt() >= 2, h.toString());
        JsonNode last = h.path("Log").get(h.path("Log").size() - 1);
        assertEquals(1, last.path("ExitCode").asInt());
        assertEquals("bad\n", last.path("Output").asText());
        assertTrue(docker.run("ps", "--format", "{{.Names}} {{.Status}}").out().contains("hbad Up"));
        assertTrue(docker.run("ps", "--format", "{{.Names}} {{.Status}}").out().contains("(unhealthy)"));
    }

    @Test
    void noHealthcheckHasNoHealth() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "-d", "--name", "hnone", "--no-healthcheck", "busybox", "sleep", "100").exit());
        assertEquals("none", docker.run("inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", "hnone")
                .out().strip());
    }

    @Test
    void initIsPidOneAndRunsTheCommandAsItsChild() throws Exception {
        DockerCli.Result r = d.docker().run("run", "--rm", "--init", "busybox", "ps", "-o", "pid,ppid,args");
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().skip(1).map(String::strip).toList();
        assertTrue(rows.stream().anyMatch(l -> l.matches("1\\s+0\\s+/sbin/docker-init -- ps -o pid,ppid,args")), r.out());
        assertTrue(rows.stream().anyMatch(l -> l.matches("[0-9]+\\s+1\\s+ps -o pid,ppid,args")), r.out());
        DockerCli.Result code = d.docker().run("run", "--rm", "--init", "busybox", "sh", "-c", "exit 7");
        assertEquals(7, code.exit(), code.err());
    }

    @Test
    void initForwardsStopSignalToTheCommand() throws Exception {
        DockerCli docker = d.docker();
        assertEquals(0, docker.run("run", "-d", "--init", "--name", "isleep", "busybox", "sleep", "100").exit());
        long t0 = System.nanoTime();
        assertEquals(0, docker.run("stop", "isleep").exit());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // Without forwarding, sleep would ignore SIGTERM until the 10 s timeout and die by SIGKILL (137).
        assertTrue(ms < 5000, "stop took " + ms + " ms");
        assertEquals("143", docker.run("inspect", "--format", "{{.State.ExitCode}}", "isleep").out().strip());
    }

    @Test
    void initReapsOrphanedZombies() throws Exception {
        DockerCli.Result r = d.docker().run("run", "--rm", "--init", "busybox", "sh", "-c",
                "(sleep 0.2 &); sleep 1; ps -o stat,args");
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().skip(1).map(String::strip).toList();
        assertTrue(rows.stream().anyMatch(l -> l.contains("ps -o stat,args")), r.out());
        assertTrue(rows.stream().noneMatch(l -> l.startsWith("Z")), "a zombie was left: " + r.out());
    }

    @Test
    void jsonFileRotationBoundsTheLogAndLogsStillWork() throws Exception {
        DockerCli docker = d.docker();
        String pad = "x".repeat(90);
        DockerCli.Result run = docker.run("run", "--name", "rot", "--log-opt", "max-size=1k", "--log-opt", "max-file=2", "busybox", "sh",
                "-c", "i=0; while [ $i -lt 1000 ]; do echo line-$i-" + pad + "; i=$((i+1)); done");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().length() > 95_000, "wrote " + run.out().length());
        Path log = Path.of(docker.run("inspect", "--format", "{{.LogPath}}", "rot").out().strip());
        Path one = log.resolveSibling(log.getFileName() + ".1");
        Path two = log.resolveSibling(log.getFileName() + ".2");
        assertTrue(Files.size(log) <= 1024 + 300, "log is " + Files.size(log));
        assertTrue(Files.exists(one) && Files.size(one) <= 1024 + 300, "log.1 missing or too big");
        assertFalse(Files.exists(two), "max-file=2 keeps two files");
        List<String> lines = docker.run("logs", "rot").out().lines().toList();
        assertTrue(lines.size() >= 5 && lines.size() < 30, lines.size() + " lines");
        assertEquals("line-999-" + pad, lines.get(lines.size() - 1));
        int first = Integer.parseInt(lines.get(0).split("-")[1]);
        for (int i = 0; i < lines.size(); i++) assertEquals("line-" + (first + i) + "-" + pad, lines.get(i), "in order, no gaps");
        DockerCli.Result follow = docker.run("logs", "-f", "rot");
        assertEquals(0, follow.exit(), follow.err());
        assertEquals(lines, follow.out().lines().toList(), "-f of a stopped container ends with the same lines");
    }

    @Test
    void invalidLogOptionsAreRejectedAtCreate() throws Exception {
        DockerCli docker = d.docker();
        DockerCli.Result size = docker.run("run", "--rm", "--log-opt", "max-size=abc", "busybox", "true");
        assertEquals(125, size.exit());
        assertTrue(size.err().contains("invalid size: 'abc'"), size.err());
        DockerCli.Result files = docker.run("create", "--log-opt", "max-size=1k", "--log-opt", "max-file=0", "busybox");
        assertTrue(files.err().contains("max-file cannot be less than 1"), files.err());
        DockerCli.Result unknown = docker.run("create", "--log-opt", "foo=bar", "busybox");
        assertTrue(unknown.err().contains("unknown log opt 'foo' for json-file log driver"), unknown.err());
        assertEquals("", docker.run("ps", "-aq").out());
    }
}
