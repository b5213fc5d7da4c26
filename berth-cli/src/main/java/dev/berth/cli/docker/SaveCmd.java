package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker save: GET /images/get?names=... to -o or stdout. */
@Command(name = "save", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
final class SaveCmd extends DockerCommand {
    @Option(names = {"-o", "--output"}, description = "Write to a file, instead of STDOUT")
    String output = "";
    @Option(names = "--platform", description = "Save only the given platform variant")
    String platform = "";

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() throws Exception {
        Output.refuseTerminal(session(), output);
        Query q = Query.of();
        for (String name : args) q.add("names", name);
        Output.archive(session(), output, client().call("GET", "/images/get", q, null), "save image");
        return 0;
    }
}
