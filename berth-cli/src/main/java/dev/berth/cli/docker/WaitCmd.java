package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** docker wait: prints each container's exit code. */
@Command(name = "wait", customSynopsis = "CONTAINER [CONTAINER...]", description = "Block until one or more containers stop, then print their exit codes")
final class WaitCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() {
        List<String> errors = new ArrayList<>();
        for (String name : args) {
            try {
                JsonNode r = client().postJson("/containers/" + name + "/wait", null, null);
                if (r.path("Error").isObject() && !r.path("Error").path("Message").asText("").isEmpty()) {
                    errors.add(r.path("Error").path("Message").asText());
                    continue;
                }
                out().println(r.path("StatusCode").asLong());
                out().flush();
            } catch (DaemonError e) {
                errors.add(e.getMessage());
            }
        }
        CliException e = joined(errors);
        if (e != null) throw e;
        return 0;
    }
}
