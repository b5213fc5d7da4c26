package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.opts.Converters;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker network inspect: the daemon's bodies as an indented JSON array (or one template result
 * per network); the ones found are printed before the daemon's errors for the others, exit 1.
 */
@Command(name = "inspect", customSynopsis = "[OPTIONS] NETWORK [NETWORK...]", description = "Display detailed information on one or more networks")
final class NetworkInspectCmd extends DockerCommand {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";
    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Verbose output for diagnostics")
    boolean verbose;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        return InspectPrinter.print(out(), format, args, this::fetch);
    }

    private byte[] fetch(String name) {
        String id = name.strip();
        if (id.isEmpty()) throw new CliException("invalid network name or ID: value is empty");
        try (Response r = client().call("GET", "/networks/" + Query.path(id), verbose ? Query.of("verbose", "true") : null, null)) {
            return r.body().readAllBytes();
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
    }
}
