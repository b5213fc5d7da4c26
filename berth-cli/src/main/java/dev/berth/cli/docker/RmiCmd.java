package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker rmi: "Untagged: x" and "Deleted: sha256:..." lines; with -f, missing images are only reported. */
@Command(name = "rmi", customSynopsis = "[OPTIONS] IMAGE [IMAGE...]", description = "Remove one or more images")
final class RmiCmd extends DockerCommand {
    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Force removal of the image")
    boolean force;
    @Option(names = "--no-prune", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not delete untagged parents")
    boolean noPrune;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        boolean fatal = false;
        for (String img : args) {
            try {
                JsonNode dels = client().call("DELETE", "/images/" + img, Query.of().flag("force", force).flag("noprune", noPrune), null).json();
                for (JsonNode d : dels) {
                    if (!d.path("Deleted").asText("").isEmpty()) out().println("Deleted: " + d.path("Deleted").asText());
                    else out().println("Untagged: " + d.path("Untagged").asText());
                }
            } catch (DaemonError e) {
                if (!e.isNotFound()) fatal = true;
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) {
            if (!force || fatal) throw e;
            err().println(e.getMessage());
        }
        return 0;
    }
}
