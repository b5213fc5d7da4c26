package dev.berth.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `bin/berth runtime` as a runc user drives it: output, exit codes, errors, and nothing left behind. */
class RuntimeCliIT {
    static final Path TOP = Path.of("").toAbsolutePath().getParent();
    Path dir;
    Path bundle;
    Path root;
    /** Its own cgroup parent (the runtime's default, "berth", would outlive the test). */
    String cgroupParent;

    record Out(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("berth-cli-it");
        cgroupParent = "berth-cli-it-" + dir.getFileName().toString().replaceAll("\\D", "");
        bundle = dir.resolve("bundle");
        root = dir.resolve("state");
        Process p = new ProcessBuilder(TOP.resolve("scripts/make-busybox-rootfs.sh").toString(), bundle.resolve("rootfs").toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        assertEquals(0, berth("runtime", "spec", "-b", bundle.toString()).exit());
        setArgs("\"sh\", \"-c\", \"echo hello from $(hostname); exit 3\"");
    }

    private void setArgs(String args) throws IOException {
        Path cfg = bundle.resolve("config.json");
        String json = Files.readString(cfg).replace("\"terminal\" : true", "\"terminal\" : false")
                .replaceFirst("\"linux\" : \\{", java.util.regex.Matcher.quoteReplacement("\"linux\" : { \"cgroupsPath\" : \"/" + cgroupParent + "/c1\","))
                .replaceFirst("\"args\" : \\[[^]]*]", java.util.regex.Matcher.quoteReplacement("\"args\" : [ " + args + " ]"));
        Files.writeString(cfg, json);
    }

    @AfterEach
    void tearDown() throws Exception {
        berth("runtime", "--root", root.toString(), "delete", "-f", "c1");
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) Files.deleteIfExists(h.resolve(cgroupParent));
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private Out berth(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TOP.resolve("bin/berth").toString()));
        cmd.addAll(List.of(args));
        // Files, not pipes: a created container inherits the CLI's stdio (as with runc), so a pipe
        // would not see EOF until the container ends.
        Path out = Files.createTempFile(dir, "out", ".txt"), err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Out(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runPassesOutputAndExitCodeThrough() throws Exception {
        Out o = berth("runtime", "--root", root.toString(), "run", "-b", bundle.toString(), "c1");
        assertEquals(3, o.exit(), o.err());
        assertEquals("hello from runc\n", o.out());
        assertEquals("", berth("runtime", "--root", root.toString(), "list", "-q").out());
    }

    @Test
    void createStartStateKillDelete() throws Exception {
        setArgs("\"sleep\", \"100\"");
        assertEquals(0, berth("runtime", "--root", root.toString(), "create", "-b", bundle.toString(), "c1").exit());
        assertTrue(berth("runtime", "--root", root.toString(), "state", "c1").out().contains("\"status\" : \"created\""));
        assertEquals(0, berth("runtime", "--root", root.toString(), "start", "c1").exit());
        assertTrue(berth("runtime", "--root", root.toString(), "state", "c1").out().contains("\"status\" : \"running\""));
        Out del = berth("runtime", "--root", root.toString(), "delete", "c1");
        assertEquals(1, del.exit());
        assertTrue(del.err().contains("cannot delete container c1 that is not stopped: running"), del.err());
        assertEquals(0, berth("runtime", "--root", root.toString(), "kill", "c1", "KILL").exit());
        for (int i = 0; i < 50 && !berth("runtime", "--root", root.toString(), "state", "c1").out().contains("stopped"); i++) Thread.sleep(100);
        assertEquals(0, berth("runtime", "--root", root.toString(), "delete", "c1").exit());
        assertFalse(Files.exists(root.resolve("c1")));
    }

    @Test
    void badInputGivesRuncsExitCodeAndAClearMessage() throws Exception {
        Files.writeString(bundle.resolve("config.json"), "{ not json");
        Out o = berth("runtime", "--root", root.toString(), "run", "-b", bundle.toString(), "c1");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("malformed JSON"), o.err());
        Out missing = berth("runtime", "--root", root.toString(), "state", "nosuch");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("container nosuch does not exist"), missing.err());
        Out badSignal = berth("runtime", "--root", root.toString(), "kill", "nosuch", "SIGFOO");
        assertEquals(1, badSignal.exit());
        assertFalse(Files.exists(root.resolve("c1")), "a failed create left its state dir");
    }

    @Test
    void commandNotFoundIsReportedAtCreate() throws Exception {
        setArgs("\"nosuchcmd\"");
        Out o = berth("runtime", "--root", root.toString(), "run", "-b", bundle.toString(), "c1");
        assertEquals(1, o.exit());
        assertTrue(o.err().contains("executable file not found in $PATH"), o.err());
        assertFalse(Files.exists(root.resolve("c1")));
    }
}
