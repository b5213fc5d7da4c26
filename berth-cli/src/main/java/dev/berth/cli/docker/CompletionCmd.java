package dev.berth.cli.docker;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** berth completion bash: picocli's generated completion script for every command and flag. */
@Command(name = "completion", customSynopsis = "bash", description = "Generate the autocompletion script for the specified shell")
final class CompletionCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() {
        if (!args.get(0).equals("bash")) {
            throw new CliException("unsupported shell \"" + args.get(0) + "\": only bash is supported (the script also works in zsh with bashcompinit)");
        }
        out().print(AutoComplete.bash("berth", BerthCli.fullTree()));
        return 0;
    }
}
