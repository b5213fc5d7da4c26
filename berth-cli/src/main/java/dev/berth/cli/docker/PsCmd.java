package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Rows;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker ps: the container table, -q, --format templates, filters. */
@Command(name = "ps", customSynopsis = "[OPTIONS]", description = "List containers")
final class PsCmd extends DockerCommand {
    static final String DEFAULT_FORMAT = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    @Option(names = {"-a", "--all"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show all containers (default shows just running)")
    boolean all;
    @Option(names = {"-f", "--filter"}, converter = Converters.Filter.class, description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = {"-n", "--last"}, converter = Converters.GoInt.class, description = "Show n last created containers (includes all states) (default -1)")
    int last = -1;
    @Option(names = {"-l", "--latest"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show the latest created container (includes all states)")
    boolean latest;
    @Option(names = "--no-trunc", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Don't truncate output")
    boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Only display container IDs")
    boolean quiet;
    @Option(names = {"-s", "--size"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Display total file sizes")
    Boolean size;

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() {
        if (!format.isEmpty() && quiet) err().println("WARNING: Ignoring custom format, because both --format and --quiet are set.");
        boolean withSize = size != null && size;
        if (!format.isEmpty()) {
            GoTemplate t;
            try {
                t = GoTemplate.parse(format);
            } catch (TemplateException e) {
                throw new CliException("failed to parse template: " + e.getMessage());
            }
            Row probe = Rows.container(com.fasterxml.jackson.databind.node.NullNode.getInstance(), true, 0);
            try {
                t.execute(probe);
            } catch (TemplateException e) {
                throw new CliException("failed to execute template: " + e.getMessage());
            }
            if (!quiet && !withSize && size == null && probe.used("Size")) withSize = true;
        }
        int limit = last;
        if (latest && last == -1) limit = 1;
        Query q = Query.of().flag("all", all).flag("size", withSize).filters(Filters.group(filter));
        if (limit != -1) q.set("limit", Integer.toString(limit));
        JsonNode list = client().getJson("/containers/json", q);
        String fmt = containerFormat(format, quiet, withSize);
        long now = System.currentTimeMillis();
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : list) rows.add(Rows.container(c, !noTrunc, now));
        out().print(new TableFormat(fmt).render(Rows.CONTAINER_HEADERS, rows));
        return 0;
    }

    static String containerFormat(String source, boolean quiet, boolean size) {
        switch (source) {
            case "table", "" -> {
                if (quiet) return "{{.ID}}";
                return size ? DEFAULT_FORMAT + "\t{{.Size}}" : DEFAULT_FORMAT;
            }
            case "raw" -> {
                if (quiet) return "container_id: {{.ID}}";
                String f = "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n"
                        + "state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n";
                return size ? f + "size: {{.Size}}\\n" : f;
            }
            default -> {
                return quiet ? "{{.ID}}" : source;
            }
        }
    }

    static Map<String, String> headers() {
        return Rows.CONTAINER_HEADERS;
    }
}
