package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Rows;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker images: REPOSITORY TAG IMAGE ID CREATED SIZE, one row per tag. */
@Command(name = "images", customSynopsis = "[OPTIONS] [REPOSITORY[:TAG]]", description = "List images")
final class ImagesCmd extends DockerCommand {
    static final String DEFAULT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
    static final String WITH_DIGEST = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

    @Option(names = {"-a", "--all"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show all images (default hides intermediate images)")
    boolean all;
    @Option(names = "--digests", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show digests")
    boolean digests;
    @Option(names = {"-f", "--filter"}, converter = Converters.Filter.class, description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = "--no-trunc", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Don't truncate output")
    boolean noTrunc;
    @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Only show image IDs")
    boolean quiet;

    @Override
    Arity arity() {
        return new Arity(0, 1);
    }

    @Override
    int run() {
        Map<String, List<String>> filters = Filters.group(filter);
        if (!args.isEmpty()) filters.computeIfAbsent("reference", k -> new ArrayList<>()).add(args.get(0));
        JsonNode list = client().getJson("/images/json", Query.of().flag("all", all).filters(filters));
        String fmt = imageFormat(format.isEmpty() ? "table" : format, quiet, digests);
        boolean needDigest = digests || fmt.contains("{{.Digest}}");
        long now = System.currentTimeMillis();
        List<Row> rows = new ArrayList<>();
        for (JsonNode img : list) rows.addAll(Rows.images(img, !noTrunc, digests, needDigest, now));
        out().print(new TableFormat(fmt).render(Rows.IMAGE_HEADERS, rows));
        return 0;
    }

    static String imageFormat(String source, boolean quiet, boolean digest) {
        if (source.equals("table")) return quiet ? "{{.ID}}" : digest ? WITH_DIGEST : DEFAULT;
        if (source.equals("raw")) {
            if (quiet) return "image_id: {{.ID}}";
            return digest ? "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n"
                    : "repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
        }
        if (source.startsWith("table") && digest && !source.contains("{{.Digest}}")) return source + "\t{{.Digest}}";
        return source;
    }
}
