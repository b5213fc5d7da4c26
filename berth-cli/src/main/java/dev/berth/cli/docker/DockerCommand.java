package dev.berth.cli.docker;

import dev.berth.cli.client.DockerClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Base of every docker-compatible command: positional arguments checked the way cobra checks
 * them (with docker's exact messages), and access to the session's client and streams.
 * Subclasses implement {@link #run()} and say how many arguments they take.
 */
abstract class DockerCommand implements Callable<Integer> {
    /** The command path as typed, "berth container ls"; set before {@link #call()}. */
    String path = "berth";

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = new ArrayList<>();

    @Option(names = "--help", usageHelp = true, hidden = true, description = "Print usage")
    boolean help;

    /** min and max number of arguments (max -1: unbounded). */
    record Arity(int min, int max) {}

    abstract Arity arity();

    abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        checkArgs();
        return run();
    }

    Session session() {
        return Session.get();
    }

    DockerClient client() {
        return session().client();
    }

    PrintStream out() {
        return session().out();
    }

    PrintStream err() {
        return session().err();
    }

    /** "berth container ls" */
    String commandPath() {
        return path;
    }

    /** cobra's UseLine: the command path and its argument synopsis. */
    String useLine() {
        Command c = getClass().getAnnotation(Command.class);
        String rest = c != null && c.customSynopsis().length > 0 ? c.customSynopsis()[0] : "[OPTIONS]";
        int nl = rest.indexOf('\n');
        return commandPath() + " " + (nl < 0 ? rest : rest.substring(0, nl));
    }

    String bin() {
        return "berth";
    }

    private void checkArgs() {
        Arity a = arity();
        int n = args.size();
        String path = commandPath();
        if (a.max() == 0 && n > 0) {
            throw new CliException(bin() + ": '" + path + "' accepts no arguments\n\nUsage:  " + useLine() + "\n\nRun '" + path + " --help' for more information");
        }
        if (a.min() == a.max() && n != a.min()) {
            throw new CliException(bin() + ": '" + path + "' requires " + a.min() + " " + plural(a.min()) + "\n\nUsage:  " + useLine()
                    + "\n\nRun '" + path + " --help' for more information");
        }
        if (a.max() < 0 && n < a.min()) {
            throw new CliException(bin() + ": '" + path + "' requires at least " + a.min() + " " + plural(a.min()) + "\n\nUsage:  " + useLine()
                    + "\n\nSee '" + path + " --help' for more information");
        }
        if (a.max() > 0 && (n < a.min() || n > a.max())) {
            throw new CliException(bin() + ": '" + path + "' requires at least " + a.min() + " and at most " + a.max() + " " + plural(a.max())
                    + "\n\nUsage:  " + useLine() + "\n\nRun '" + path + " --help' for more information");
        }
    }

    private static String plural(int n) {
        return n == 1 ? "argument" : "arguments";
    }

    /** docker's withHelp: "berth: <err>\n\nRun 'berth run --help' for more information". */
    CliException withHelp(String message, int code) {
        return new CliException(bin() + ": " + message + "\n\nRun '" + commandPath() + " --help' for more information", code);
    }

    /** Several errors joined by newlines, as errors.Join prints them; null when there are none. */
    static CliException joined(List<String> errors) {
        if (errors.isEmpty()) return null;
        return new CliException(String.join("\n", errors), 1);
    }
}
