package dev.berth.cli.docker;

import dev.berth.cli.opts.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker restart. */
@Command(name = "restart", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Restart one or more containers")
final class RestartCmd extends DockerCommand {
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal = "";

    @Option(names = {"-t", "--timeout"}, converter = Converters.GoInt.class, description = "Seconds to wait before killing the container")
    Integer timeout;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        return StopCmd.stopOrRestart(this, "restart", signal, timeout);
    }
}
