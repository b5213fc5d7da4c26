package dev.berth.cli;

import dev.berth.cli.runtime.RuntimeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `berth`: Berth's CLI. For now the runc-compatible `berth runtime`; Docker's verbs come with the daemon. */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Berth, a Docker-compatible container engine.",
        subcommands = {RuntimeCommand.class, VersionCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Errors::handle).execute(args);
    }
}
