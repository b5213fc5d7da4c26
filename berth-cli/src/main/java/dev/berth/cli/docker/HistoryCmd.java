package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Rows;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker history: IMAGE CREATED CREATED BY SIZE COMMENT. */
@Command(name = "history", customSynopsis = "[OPTIONS] IMAGE", description = "Show the history of an image")
final class HistoryCmd extends DockerCommand {
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = {"-H", "--human"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Print sizes and dates in human readable format (default true)")
    boolean human = true;
    @Option(names = "--no-trunc", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Don't truncate output")
    boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Only show image IDs")
    boolean quiet;

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() {
        JsonNode history = client().getJson("/images/" + args.get(0) + "/history", null);
        String fmt = format.isEmpty() ? "table" : format;
        if (fmt.equals("table")) {
            fmt = quiet ? "{{.ID}}" : human ? "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
                    : "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
        }
        long now = System.currentTimeMillis();
        List<Row> rows = new ArrayList<>();
        for (JsonNode h : history) rows.add(Rows.history(h, !noTrunc, human, now));
        out().print(new TableFormat(fmt).render(Rows.HISTORY_HEADERS, rows));
        return 0;
    }
}
