package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.opts.ContainerFlags;
import dev.berth.cli.opts.CreateRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** docker create: the run flags, the same create body, prints the new ID. */
@Command(name = "create", customSynopsis = "[OPTIONS] IMAGE [COMMAND] [ARG...]", description = "Create a new container")
final class CreateCmd extends DockerCommand {
    @Mixin
    ContainerFlags flags;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        ContainerFlags f = flags;
        if (!List.of("always", "missing", "never", "").contains(f.pull)) {
            throw withHelp("invalid pull option: '" + f.pull + "': must be one of \"always\", \"missing\" or \"never\"", 125);
        }
        String api = client().apiVersion();
        FlagVersions.check(this, f, api);
        int[] size = session().ttySize();
        ObjectNode body;
        try {
            body = CreateRequest.build(f, new CreateRequest.Context(args.get(0), args.subList(1, args.size()), false,
                    session().env(), api, size[0], size[1], f.entrypoint != null));
        } catch (IllegalArgumentException e) {
            throw withHelp(e.getMessage(), 125);
        }
        out().println(ContainerCreator.create(session(), f, body));
        return 0;
    }
}
