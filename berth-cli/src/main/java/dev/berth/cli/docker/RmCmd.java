package dev.berth.cli.docker;

import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker rm: with -f a missing container is reported but not an error. */
@Command(name = "rm", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]", description = "Remove one or more containers")
final class RmCmd extends DockerCommand {
    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(names = {"-l", "--link"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Remove the specified link")
    boolean link;

    @Option(names = {"-v", "--volumes"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        for (String name : args) {
            String id = name.replaceAll("^/+|/+$", "");
            if (id.isEmpty()) {
                errors.add("container name cannot be empty");
                continue;
            }
            try {
                client().call("DELETE", "/containers/" + id, Query.of().flag("force", force).flag("link", link).flag("v", volumes), null).close();
                out().println(name);
            } catch (DaemonError e) {
                if (force && e.isNotFound()) {
                    err().println(e.getMessage());
                    continue;
                }
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }
}
