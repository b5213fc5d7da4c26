package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `berth completion bash` run by bash itself: the script is sourced, registers a completion for
 * berth, and its function, called as readline would (COMP_WORDS, COMP_CWORD, COMP_LINE,
 * COMP_POINT), fills COMPREPLY with commands and flags.
 */
class BashCompletionTest {
    @TempDir
    Path dir;
    Path script;

    @BeforeEach
    void generate() throws Exception {
        Cli.Result r = Cli.run("unix:///nonexistent", "", "completion", "bash");
        assertEquals(0, r.exit(), r.err());
        script = dir.resolve("berth.bash");
        Files.writeString(script, r.out());
    }

    /** Sources the script, prints `complete -p berth`, then one candidate per line after a marker. */
    private List<String> complete(String... words) throws Exception {
        StringBuilder arr = new StringBuilder();
        for (String w : words) arr.append(" '").append(w).append('\'');
        String line = String.join(" ", words);
        String body = "source \"$1\" || exit 90\n"
                + "complete -p berth || exit 91\n"
                + "fn=$(complete -p berth | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n"
                + "COMP_WORDS=(" + arr + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "COMPREPLY=()\n"
                + "\"$fn\" berth '" + words[words.length - 1] + "' '" + words[words.length - 2] + "' || exit 92\n"
                + "echo '--replies--'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", body, "bash", script.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), "bash failed: " + out + err);
        assertTrue(out.startsWith("complete ") && out.contains(" berth\n"), "no completion registered for berth: " + out);
        return List.of(out.substring(out.indexOf("--replies--\n") + "--replies--\n".length()).split("\n"));
    }

    @Test
    void completesCommandNames() throws Exception {
        List<String> replies = complete("berth", "ru");
        assertTrue(replies.contains("run"), "berth ru<TAB> offers " + replies);
        assertTrue(replies.stream().allMatch(s -> s.startsWith("ru")), "berth ru<TAB> offers " + replies);
    }

    @Test
    void completesFlagsOfASubcommand() throws Exception {
        List<String> replies = complete("berth", "run", "--net");
        assertTrue(replies.contains("--network"), "berth run --net<TAB> offers " + replies);
        assertTrue(replies.stream().allMatch(s -> s.startsWith("--net")), "berth run --net<TAB> offers " + replies);
    }
}
