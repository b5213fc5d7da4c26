package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker kill. */
@Command(name = "kill", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Kill one or more running containers")
final class KillCmd extends DockerCommand {
    @Option(names = {"-s", "--signal"}, description = "Signal to send to the container")
    String signal = "";

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        for (String name : args) {
            try {
                client().call("POST", "/containers/" + name + "/kill", Query.of().opt("signal", signal), null).close();
                out().println(name);
            } catch (DaemonError e) {
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }
}
