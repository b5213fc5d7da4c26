package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import picocli.CommandLine.Command;

/** docker rename. */
@Command(name = "rename", customSynopsis = "CONTAINER NEW_NAME", description = "Rename a container")
final class RenameCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(2, 2);
    }

    @Override
    int run() {
        String oldName = args.get(0).strip(), newName = args.get(1).strip();
        if (oldName.isEmpty() || newName.isEmpty()) throw new CliException("Error: Neither old nor new names may be empty");
        try {
            client().call("POST", "/containers/" + oldName + "/rename", Query.of("name", newName), null).close();
        } catch (DaemonError e) {
            err().println(e.getMessage());
            throw new CliException("Error: failed to rename container named " + oldName);
        }
        return 0;
    }
}
