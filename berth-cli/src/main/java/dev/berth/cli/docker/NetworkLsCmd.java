package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.docker.network.NetworkRows;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker network ls: NETWORK ID / NAME / DRIVER / SCOPE sorted by name; filters are the daemon's to check. */
@Command(name = "ls", customSynopsis = "[OPTIONS]", description = "List networks")
final class NetworkLsCmd extends DockerCommand {
    @Option(names = {"-f", "--filter"}, converter = Converters.Filter.class, description = "Provide filter values (e.g. \"driver=bridge\")")
    List<String> filter = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = "--no-trunc", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not truncate the output")
    boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Only display network IDs")
    boolean quiet;

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() {
        JsonNode list = client().getJson("/networks", Query.of().filters(Filters.group(filter)));
        List<Row> rows = new ArrayList<>();
        for (JsonNode n : NetworkRows.sorted(list)) rows.add(NetworkRows.row(n, !noTrunc));
        out().print(new TableFormat(NetworkRows.format(format, quiet)).render(NetworkRows.HEADERS, rows));
        return 0;
    }
}
