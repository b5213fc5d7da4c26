package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import dev.berth.cli.format.Row;
import dev.berth.cli.format.Rows;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.format.Units;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker stats: CPU, memory, network, block I/O and pids per container; once with --no-stream, else redrawn every second. */
@Command(name = "stats", customSynopsis = "[OPTIONS] [CONTAINER...]", description = "Display a live stream of container(s) resource usage statistics")
final class StatsCmd extends DockerCommand {
    static final String DEFAULT = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Container", "CONTAINER", "Name", "NAME", "CPUPerc", "CPU %",
            "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO", "BLOCK I/O", "PIDs", "PIDS");

    @Option(names = {"-a", "--all"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Show all containers (default shows just running)")
    boolean all;
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = "--no-stream", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Disable streaming stats and only pull the first result")
    boolean noStream;
    @Option(names = "--no-trunc", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not truncate output")
    boolean noTrunc;

    @Override
    Arity arity() {
        return new Arity(0, -1);
    }

    @Override
    int run() throws Exception {
        String fmt = format.isEmpty() || format.equals("table") ? DEFAULT : format;
        while (true) {
            List<String> ids = new ArrayList<>(args);
            if (ids.isEmpty()) {
                for (JsonNode c : client().getJson("/containers/json", Query.of().flag("all", all))) ids.add(c.path("Id").asText());
            }
            List<Row> rows = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String id : ids) {
                try {
                    JsonNode s = client().getJson("/containers/" + id + "/stats", Query.of("stream", "0"));
                    rows.add(row(id, s));
                } catch (DaemonError e) {
                    errors.add(e.getMessage());
                }
            }
            String table = new TableFormat(fmt).render(HEADERS, rows);
            if (!noStream && session().stdoutIsTerminal()) out().print("\u001b[2J\u001b[H");
            out().print(table);
            out().flush();
            if (!errors.isEmpty() && !args.isEmpty()) throw joined(errors);
            if (noStream) return 0;
            Thread.sleep(1000);
        }
    }

    private Row row(String arg, JsonNode s) {
        Map<String, Object> f = new LinkedHashMap<>();
        String id = s.path("id").asText(arg);
        f.put("ID", noTrunc ? id : Rows.truncateId(id));
        f.put("Container", arg);
        String name = s.path("name").asText("");
        f.put("Name", name.startsWith("/") ? name.substring(1) : name.isEmpty() ? "--" : name);
        JsonNode cpu = s.path("cpu_stats"), pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
        double sysDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        long online = cpu.path("online_cpus").asLong(0);
        if (online == 0) online = cpu.path("cpu_usage").path("percpu_usage").size();
        double cpuPerc = sysDelta > 0 && cpuDelta > 0 ? cpuDelta / sysDelta * online * 100.0 : 0;
        JsonNode mem = s.path("memory_stats");
        double usage = mem.path("usage").asDouble();
        JsonNode st = mem.path("stats");
        double cache = st.has("total_inactive_file") ? st.path("total_inactive_file").asDouble() : st.path("inactive_file").asDouble();
        if (cache < usage) usage -= cache;
        double limit = mem.path("limit").asDouble();
        double memPerc = limit != 0 ? usage / limit * 100.0 : 0;
        long rx = 0, tx = 0;
        for (JsonNode n : s.path("networks")) {
            rx += n.path("rx_bytes").asLong();
            tx += n.path("tx_bytes").asLong();
        }
        long read = 0, write = 0;
        for (JsonNode b : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            String op = b.path("op").asText("");
            if (op.isEmpty()) continue;
            char c = Character.toLowerCase(op.charAt(0));
            if (c == 'r') read += b.path("value").asLong();
            else if (c == 'w') write += b.path("value").asLong();
        }
        f.put("CPUPerc", String.format("%.2f%%", cpuPerc));
        f.put("MemUsage", Units.bytesSize(usage) + " / " + Units.bytesSize(limit));
        f.put("MemPerc", String.format("%.2f%%", memPerc));
        f.put("NetIO", Units.humanSize(rx, 3) + " / " + Units.humanSize(tx, 3));
        f.put("BlockIO", Units.humanSize(read, 3) + " / " + Units.humanSize(write, 3));
        f.put("PIDs", Long.toString(s.path("pids_stats").path("current").asLong()));
        return new Row("*formatter.statsContext", f, null);
    }
}
