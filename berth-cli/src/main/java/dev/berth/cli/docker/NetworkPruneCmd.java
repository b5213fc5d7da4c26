package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.opts.Converters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker network prune: confirm unless -f, POST /networks/prune, list the deleted networks. A
 * "no" is a cancellation, which docker 28 ends silently with status 0.
 */
@Command(name = "prune", customSynopsis = "[OPTIONS]", description = "Remove all unused networks")
final class NetworkPruneCmd extends DockerCommand {
    static final String WARNING = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

    @Option(names = "--filter", converter = Converters.Filter.class, description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filter = new ArrayList<>();
    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not prompt for confirmation")
    boolean force;

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws IOException {
        if (!force) {
            out().print(WARNING + " [y/N] ");
            out().flush();
            String answer = new BufferedReader(new InputStreamReader(session().in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().equalsIgnoreCase("y")) return 0;
        }
        JsonNode report = client().postJson("/networks/prune", Query.of().filters(Filters.group(filter)), null);
        JsonNode deleted = report.path("NetworksDeleted");
        if (!deleted.isEmpty()) {
            StringBuilder sb = new StringBuilder("Deleted Networks:\n");
            for (JsonNode n : deleted) sb.append(n.asText()).append('\n');
            out().println(sb);
        }
        return 0;
    }
}
