package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** docker diff: "C /etc", "A /tmp/x", "D /gone". */
@Command(name = "diff", customSynopsis = "CONTAINER", description = "Inspect changes to files or directories on a container's filesystem")
final class DiffCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() {
        if (args.get(0).isEmpty()) throw new CliException("Container name cannot be empty");
        JsonNode changes = client().getJson("/containers/" + args.get(0) + "/changes", null);
        for (JsonNode c : changes) {
            String kind = switch (c.path("Kind").asInt()) {
                case 0 -> "C";
                case 1 -> "A";
                case 2 -> "D";
                default -> "";
            };
            out().println(kind + " " + c.path("Path").asText());
        }
        return 0;
    }
}
