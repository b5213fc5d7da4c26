package dev.berth.cli.docker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker export: the container's filesystem as a tar. */
@Command(name = "export", customSynopsis = "[OPTIONS] CONTAINER", description = "Export a container's filesystem as a tar archive")
final class ExportCmd extends DockerCommand {
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT")
    String output = "";

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() throws Exception {
        Output.refuseTerminal(session(), output);
        Output.archive(session(), output, client().call("GET", "/containers/" + args.get(0) + "/export", null, null), "export container");
        return 0;
    }
}
