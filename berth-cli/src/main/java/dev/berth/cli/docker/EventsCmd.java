package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.JsonMessages;
import dev.berth.cli.client.Query;
import dev.berth.cli.client.Response;
import dev.berth.cli.format.JsonMessageDisplay;
import dev.berth.cli.format.TableFormat;
import dev.berth.cli.opts.Converters;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker events: the daemon's event stream, one line per event ("<time> container die <id> (k=v, ...)") or --format. */
@Command(name = "events", customSynopsis = "[OPTIONS]", description = "Get real time events from the server")
final class EventsCmd extends DockerCommand {
    @Option(names = {"-f", "--filter"}, converter = Converters.Filter.class, description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();
    @Option(names = "--format", description = "Format output using a custom template")
    String format = "";
    @Option(names = "--since", description = "Show all events created since timestamp")
    String since = "";
    @Option(names = "--until", description = "Stream events until this timestamp")
    String until = "";

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws Exception {
        GoTemplate template = null;
        boolean json = format.equals("json") || format.equals("{{json .}}");
        if (!format.isEmpty() && !json) {
            try {
                template = new TableFormat(format).template();
            } catch (TemplateException e) {
                throw new CliException(e.getMessage(), 64);
            }
        }
        Instant now = Instant.now();
        Query q = Query.of().filters(Filters.group(filter));
        if (!since.isEmpty()) q.set("since", Timestamps.get(since, now));
        if (!until.isEmpty()) q.set("until", Timestamps.get(until, now));
        GoTemplate t = template;
        try (Response r = client().call("GET", "/events", q, null)) {
            JsonMessages.each(r.body(), ev -> {
                if (json) out().println(dev.berth.cli.client.JsonCodec.writeString(ev));
                else if (t != null) out().println(t.execute(goNames(ev)));
                else out().print(pretty(ev));
                out().flush();
            });
        }
        return 0;
    }

    static String pretty(JsonNode ev) {
        StringBuilder sb = new StringBuilder();
        long nano = ev.path("timeNano").asLong(0), time = ev.path("time").asLong(0);
        if (nano != 0) sb.append(JsonMessageDisplay.rfc3339NanoFixed(Instant.ofEpochSecond(0, nano))).append(' ');
        else if (time != 0) sb.append(JsonMessageDisplay.rfc3339NanoFixed(Instant.ofEpochSecond(time))).append(' ');
        sb.append(ev.path("Type").asText("")).append(' ').append(ev.path("Action").asText("")).append(' ').append(ev.path("Actor").path("ID").asText(""));
        TreeMap<String, String> attrs = new TreeMap<>();
        ev.path("Actor").path("Attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        if (!attrs.isEmpty()) {
            List<String> kv = new ArrayList<>();
            attrs.forEach((k, v) -> kv.add(k + "=" + v));
            sb.append(" (").append(String.join(", ", kv)).append(')');
        }
        return sb.append('\n').toString();
    }

    /** events.Message with its Go field names (Status, ID, From, Scope, Time, TimeNano) for templates. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> goNames(JsonNode ev) {
        Map<String, Object> raw = (Map<String, Object>) dev.berth.cli.client.JsonCodec.toJava(ev);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", raw.getOrDefault("status", ""));
        m.put("ID", raw.getOrDefault("id", ""));
        m.put("From", raw.getOrDefault("from", ""));
        m.put("Type", raw.getOrDefault("Type", ""));
        m.put("Action", raw.getOrDefault("Action", ""));
        Map<String, Object> actor = (Map<String, Object>) raw.getOrDefault("Actor", new LinkedHashMap<>());
        m.put("Actor", actor);
        m.put("Scope", raw.getOrDefault("scope", ""));
        m.put("Time", raw.getOrDefault("time", 0));
        m.put("TimeNano", raw.getOrDefault("timeNano", 0));
        return m;
    }
}
