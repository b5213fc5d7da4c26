package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonAddress;
import dev.berth.cli.client.DockerClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * berth daemon start [berthd flags]: starts bin/berthd in its own session in the background, its
 * output in a log file, and waits until its socket answers a ping.
 */
@Command(name = "start", customSynopsis = "[BERTHD FLAGS...]", description = "Start berthd in the background and wait until it answers")
final class DaemonStartCmd extends DockerCommand {
    private static final long WAIT_MILLIS = 60_000;

    @Override
    Arity arity() {
        return new Arity(0, -1);
    }

    @Override
    int run() throws Exception {
        String host = hostFrom(args);
        DaemonAddress address = DaemonAddress.parse(host);
        if (answers(address)) {
            out().println("berthd is already running at " + address);
            return 0;
        }
        Path berthd = locateBerthd(session().env());
        Path log = logFile(args);
        List<String> cmd = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) cmd.add("/usr/bin/setsid");
        cmd.add(berthd.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (answers(address)) {
                out().println("berthd started (pid " + p.pid() + "), listening on " + address + "; log: " + log);
                return 0;
            }
            if (!p.isAlive()) {
                String tail = tail(log);
                throw new CliException("berthd exited with status " + p.exitValue() + " before answering on " + address + "; see " + log
                        + (tail.isEmpty() ? "" : ":\n" + tail));
            }
            Thread.sleep(100);
        }
        throw new CliException("berthd (pid " + p.pid() + ") did not answer on " + address + " within " + WAIT_MILLIS / 1000 + "s; see " + log);
    }

    private static boolean answers(DaemonAddress address) {
        try {
            new DockerClient(address, null).ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The first unix socket berthd is told to listen on, else its default. */
    static String hostFrom(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = null;
            if ((a.equals("-H") || a.equals("--host")) && i + 1 < args.size()) v = args.get(i + 1);
            else if (a.startsWith("--host=")) v = a.substring(7);
            else if (a.startsWith("-H") && a.length() > 2) v = a.substring(a.charAt(2) == '=' ? 3 : 2);
            if (v != null) return v;
        }
        return DaemonAddress.DEFAULT;
    }

    private static Path logFile(List<String> args) throws IOException {
        String execRoot = "/run/berth";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--exec-root") && i + 1 < args.size()) execRoot = args.get(i + 1);
            else if (args.get(i).startsWith("--exec-root=")) execRoot = args.get(i).substring("--exec-root=".length());
        }
        Path dir = Path.of(execRoot);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("berthd.log");
            if (!Files.exists(log)) Files.createFile(log);
            return log;
        } catch (IOException e) {
            return Files.createTempFile("berthd", ".log");
        }
    }

    /** bin/berthd next to this CLI (checkout or install), or $BERTHD, or berthd on the PATH. */
    static Path locateBerthd(java.util.Map<String, String> environment) {
        String env = environment.get("BERTHD");
        if (env != null && !env.isEmpty()) return Path.of(env);
        try {
            Path code = Path.of(DaemonStartCmd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("bin/berthd");
                if (Files.isExecutable(candidate)) return candidate;
            }
        } catch (Exception ignored) {
            // fall back to PATH
        }
        for (String dir : environment.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "berthd");
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new CliException("cannot find berthd: set BERTHD or put it on the PATH");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
