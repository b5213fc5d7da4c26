package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.Units;
import dev.berth.cli.opts.Converters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker container prune and docker image prune: confirm, prune, list what went, total reclaimed. */
@Command(name = "prune", customSynopsis = "[OPTIONS]", description = "Remove unused objects")
final class PruneCmd extends DockerCommand {
    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not prompt for confirmation")
    boolean force;
    @Option(names = "--filter", converter = Converters.Filter.class, description = "Provide filter values (e.g. \"until=<timestamp>\")")
    List<String> filter = new ArrayList<>();
    @Option(names = {"-a", "--all"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Remove all unused images, not just dangling ones")
    boolean all;

    private final boolean containers;

    PruneCmd(boolean containers) {
        this.containers = containers;
    }

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws IOException {
        if (containers && all) {
            throw new CliException("unknown shorthand flag: 'a' in -a\n\nUsage:  " + useLine() + "\n\nRun '" + commandPath() + " --help' for more information", 125);
        }
        Map<String, List<String>> filters = Filters.group(filter);
        String warning;
        if (containers) {
            warning = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";
        } else {
            filters.computeIfAbsent("dangling", k -> new ArrayList<>()).add(Boolean.toString(!all));
            warning = all ? "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?"
                    : "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";
        }
        if (!force) {
            out().print(warning + " [y/N] ");
            out().flush();
            String answer = new BufferedReader(new InputStreamReader(session().in(), StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                throw new CliException((containers ? "container" : "image") + " prune has been cancelled");
            }
        }
        JsonNode report = client().postJson(containers ? "/containers/prune" : "/images/prune", Query.of().filters(filters), null);
        long reclaimed = 0;
        StringBuilder output = new StringBuilder();
        if (containers) {
            JsonNode deleted = report.path("ContainersDeleted");
            if (!deleted.isEmpty()) {
                output.append("Deleted Containers:\n");
                for (JsonNode id : deleted) output.append(id.asText()).append('\n');
                reclaimed = report.path("SpaceReclaimed").asLong();
            }
        } else {
            JsonNode deleted = report.path("ImagesDeleted");
            if (!deleted.isEmpty()) {
                output.append("Deleted Images:\n");
                for (JsonNode d : deleted) {
                    if (!d.path("Untagged").asText("").isEmpty()) output.append("untagged: ").append(d.path("Untagged").asText()).append('\n');
                    else output.append("deleted: ").append(d.path("Deleted").asText()).append('\n');
                }
                reclaimed = report.path("SpaceReclaimed").asLong();
            }
        }
        if (!output.isEmpty()) out().println(output);
        out().println("Total reclaimed space: " + Units.humanSize(reclaimed));
        return 0;
    }
}
