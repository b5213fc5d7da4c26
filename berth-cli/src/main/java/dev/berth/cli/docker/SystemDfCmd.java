package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.format.Units;
import dev.berth.cli.opts.Converters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker system df: TYPE TOTAL ACTIVE SIZE RECLAIMABLE for images, containers, volumes and build cache. */
@Command(name = "df", customSynopsis = "[OPTIONS]", description = "Show docker disk usage")
final class SystemDfCmd extends DockerCommand {
    static final Map<String, String> HEADERS = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE", "Size", "SIZE", "Reclaimable", "RECLAIMABLE");

    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = {"-v", "--verbose"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show detailed information on space usage")
    boolean verbose;

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() {
        JsonNode df = client().getJson("/system/df", null);
        // images
        int images = 0, activeImages = 0;
        long layers = df.path("LayersSize").asLong(), usedImages = 0;
        for (JsonNode i : df.path("Images")) {
            images++;
            long containers = i.path("Containers").asLong();
            if (containers > 0) activeImages++;
            if (containers != 0) {
                long size = i.path("Size").asLong(), shared = i.path("SharedSize").asLong();
                if (size != -1 && shared != -1) usedImages += size - shared;
            }
        }
        // containers
        int containers = 0, activeContainers = 0;
        long cSize = 0, cReclaim = 0;
        for (JsonNode c : df.path("Containers")) {
            containers++;
            String state = c.path("State").asText("");
            boolean active = state.contains("running") || state.contains("paused") || state.contains("restarting");
            if (active) activeContainers++;
            else cReclaim += c.path("SizeRw").asLong();
            cSize += c.path("SizeRw").asLong();
        }
        // volumes
        int volumes = 0, activeVolumes = 0;
        long vSize = 0, vReclaim = 0;
        for (JsonNode v : df.path("Volumes")) {
            volumes++;
            JsonNode u = v.path("UsageData");
            if (u.path("RefCount").asLong() > 0) activeVolumes++;
            long s = u.path("Size").asLong(-1);
            if (s != -1) {
                if (u.path("RefCount").asLong() == 0) vReclaim += s;
                vSize += s;
            }
        }
        // build cache
        int caches = 0, activeCaches = 0;
        long inUse = 0, builder = df.path("BuilderSize").asLong();
        for (JsonNode b : df.path("BuildCache")) {
            caches++;
            if (b.path("InUse").asBoolean()) {
                activeCaches++;
                if (!b.path("Shared").asBoolean()) inUse += b.path("Size").asLong();
            }
        }
        List<Row> rows = List.of(
                row("Images", images, activeImages, Units.humanSize(layers), reclaim(layers - usedImages, layers)),
                row("Containers", containers, activeContainers, Units.humanSize(cSize), reclaim(cReclaim, cSize)),
                row("Local Volumes", volumes, activeVolumes, Units.humanSize(vSize), reclaim(vReclaim, vSize)),
                row("Build Cache", caches, activeCaches, Units.humanSize(builder), Units.humanSize(builder - inUse)));
        String fmt = format.isEmpty() || format.equals("table") ? "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}" : format;
        out().print(new TableFormat(fmt).render(HEADERS, rows));
        return 0;
    }

    private static String reclaim(long reclaimable, long total) {
        return total > 0 ? Units.humanSize(reclaimable) + " (" + reclaimable * 100 / total + "%)" : Units.humanSize(reclaimable);
    }

    private static Row row(String type, int total, int active, String size, String reclaimable) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("Type", type);
        f.put("TotalCount", Integer.toString(total));
        f.put("Active", Integer.toString(active));
        f.put("Size", size);
        f.put("Reclaimable", reclaimable);
        return new Row("*formatter.diskUsageContext", f, null);
    }
}
