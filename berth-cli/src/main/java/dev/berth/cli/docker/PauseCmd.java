package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** docker pause and docker unpause (the same shape, another endpoint). */
@Command(customSynopsis = "CONTAINER [CONTAINER...]", description = "Pause or unpause all processes within one or more containers")
final class PauseCmd extends DockerCommand {
    private final boolean pause;

    PauseCmd(boolean pause) {
        this.pause = pause;
    }

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        for (String name : args) {
            try {
                client().call("POST", "/containers/" + name + (pause ? "/pause" : "/unpause"), null, null).close();
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
