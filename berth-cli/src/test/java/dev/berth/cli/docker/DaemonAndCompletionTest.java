package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berth daemon start (locating and supervising berthd's start) and berth completion bash. */
class DaemonAndCompletionTest {
    @TempDir
    Path dir;

    @Test
    void daemonStartReportsAnEarlyExitWithTheLogTail() throws Exception {
        Path fake = dir.resolve("berthd");
        Files.writeString(fake, "#!/bin/sh\necho \"boom: $*\"\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BERTHD", fake.toString());
        String sock = "unix://" + dir.resolve("b.sock");
        Cli.Result r = Cli.runWithEnv(env, null, "", "daemon", "start", "-H", sock, "--exec-root", dir.resolve("run").toString(), "--debug-x");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("berthd exited with status 3 before answering on " + sock + "; see " + dir.resolve("run/berthd.log")), r.err());
        assertTrue(r.err().contains("boom: -H " + sock + " --exec-root " + dir.resolve("run") + " --debug-x"), r.err());
    }

    @Test
    void daemonHostIsTheFirstHostFlag() {
        assertEquals("unix:///x.sock", DaemonStartCmd.hostFrom(List.of("--data-root", "/d", "-H", "unix:///x.sock", "-H", "tcp://1.2.3.4:1")));
        assertEquals("unix:///y.sock", DaemonStartCmd.hostFrom(List.of("--host=unix:///y.sock")));
        assertEquals("unix:///run/berth/berth.sock", DaemonStartCmd.hostFrom(List.of()));
    }

    @Test
    void bashCompletionCoversCommandsAndFlags() {
        Cli.Result r = Cli.run("unix:///nonexistent", "", "completion", "bash");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("complete -F _complete_berth"), r.out().substring(0, Math.min(400, r.out().length())));
        for (String s : List.of("run", "ps", "images", "container", "--memory", "--no-trunc", "--format")) assertTrue(r.out().contains(s), s);
    }
}
