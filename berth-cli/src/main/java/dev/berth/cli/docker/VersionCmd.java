package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.DaemonUnreachable;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.format.GoJson;
import dev.berth.cli.format.TabWriter;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker version: client and server sections (two requests: ping and /version), or --format. */
@Command(name = "version", customSynopsis = "[OPTIONS]", description = "Show the Berth version information")
final class VersionCmd extends DockerCommand {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws Exception {
        GoTemplate template = null;
        if (!format.isEmpty() && !format.equals("json")) {
            try {
                template = GoTemplate.parse(format);
            } catch (TemplateException e) {
                throw new CliException("template parsing error: " + e.getMessage(), 64);
            }
        }
        DockerClient c = client();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("Version", DockerClient.CLIENT_VERSION);
        String api = null;
        RuntimeException failure = null;
        JsonNode server = null;
        try {
            api = c.apiVersion();
            server = c.getJson("/version", null);
        } catch (DaemonUnreachable | DaemonError e) {
            failure = e;
        }
        client.put("ApiVersion", api == null ? DockerClient.MAX_API_VERSION : api);
        client.put("DefaultAPIVersion", DockerClient.MAX_API_VERSION);
        client.put("GitCommit", "unknown");
        client.put("GoVersion", "java" + System.getProperty("java.version"));
        client.put("Os", "linux");
        client.put("Arch", arch());
        client.put("BuildTime", "unknown");
        client.put("Context", "default");
        if (format.equals("json") || format.equals("{{json .}}")) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("Client", client);
            all.put("Server", server == null ? null : dev.berth.cli.client.JsonCodec.toJava(server));
            out().println(GoJson.write(all, false));
        } else if (template != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            Map<String, Object> cl = new LinkedHashMap<>(client);
            cl.put("APIVersion", cl.remove("ApiVersion"));
            data.put("Client", cl);
            Object s = null;
            if (server != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sm = (Map<String, Object>) dev.berth.cli.client.JsonCodec.toJava(server);
                if (sm.containsKey("ApiVersion")) sm.put("APIVersion", sm.get("ApiVersion"));
                s = sm;
            }
            data.put("Server", s);
            String text = template.execute(data);
            StringBuilder sb = new StringBuilder();
            TabWriter w = new TabWriter(sb, 20, 1);
            w.write(text + "\n");
            w.flush();
            out().print(sb);
        } else {
            out().print(render(client, server));
        }
        if (failure != null) throw failure;
        return 0;
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }

    /** The default template's output, tab-aligned with min width 20 and padding 1. */
    static String render(Map<String, Object> client, JsonNode server) {
        StringBuilder text = new StringBuilder();
        String api = (String) client.get("ApiVersion");
        text.append("Client:\n");
        text.append(" Version:\t").append(client.get("Version")).append('\n');
        text.append(" API version:\t").append(api);
        if (!api.equals(client.get("DefaultAPIVersion"))) text.append(" (downgraded from ").append(client.get("DefaultAPIVersion")).append(')');
        text.append('\n');
        text.append(" Go version:\t").append(client.get("GoVersion")).append('\n');
        text.append(" Git commit:\t").append(client.get("GitCommit")).append('\n');
        text.append(" Built:\t").append(client.get("BuildTime")).append('\n');
        text.append(" OS/Arch:\t").append(client.get("Os")).append('/').append(client.get("Arch")).append('\n');
        text.append(" Context:\t").append(client.get("Context"));
        if (server != null) {
            text.append("\n\nServer:");
            String platform = server.path("Platform").path("Name").asText("");
            if (!platform.isEmpty()) text.append(' ').append(platform);
            List<JsonNode> components = new ArrayList<>();
            server.path("Components").forEach(components::add);
            boolean engine = components.stream().anyMatch(x -> x.path("Name").asText().equals("Engine"));
            for (JsonNode comp : components) {
                text.append("\n ").append(comp.path("Name").asText()).append(':');
                JsonNode d = comp.path("Details");
                if (comp.path("Name").asText().equals("Engine")) {
                    engine(text, comp.path("Version").asText(), d.path("ApiVersion").asText(""), d.path("MinAPIVersion").asText(""),
                            d.path("GoVersion").asText(""), d.path("GitCommit").asText(""), d.path("BuildTime").asText(""),
                            d.path("Os").asText(""), d.path("Arch").asText(""), d.path("Experimental").asText(""));
                } else {
                    text.append("\n  Version:\t").append(comp.path("Version").asText(""));
                    TreeMap<String, String> details = new TreeMap<>();
                    d.fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
                    details.forEach((k, v) -> text.append("\n  ").append(k).append(":\t").append(v));
                }
            }
            if (!engine) {
                text.append("\n Engine:");
                engine(text, server.path("Version").asText(""), server.path("ApiVersion").asText(""), server.path("MinAPIVersion").asText(""),
                        server.path("GoVersion").asText(""), server.path("GitCommit").asText(""), server.path("BuildTime").asText(""),
                        server.path("Os").asText(""), server.path("Arch").asText(""), Boolean.toString(server.path("Experimental").asBoolean()));
            }
        }
        text.append('\n');
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, 20, 1);
        w.write(text.toString());
        w.flush();
        return out.toString();
    }

    private static void engine(StringBuilder t, String version, String api, String min, String go, String commit, String built,
                               String os, String arch, String experimental) {
        t.append("\n  Version:\t").append(version);
        t.append("\n  API version:\t").append(api).append(" (minimum version ").append(min).append(')');
        t.append("\n  Go version:\t").append(go);
        t.append("\n  Git commit:\t").append(commit);
        t.append("\n  Built:\t").append(ansic(built));
        t.append("\n  OS/Arch:\t").append(os).append('/').append(arch);
        t.append("\n  Experimental:\t").append(experimental);
    }

    /** reformatDate: an RFC 3339 build time in time.ANSIC ("Mon Jan  2 15:04:05 2006"), anything else unchanged. */
    static String ansic(String buildTime) {
        try {
            var t = java.time.OffsetDateTime.parse(buildTime);
            return java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT).format(t);
        } catch (java.time.format.DateTimeParseException e) {
            return buildTime;
        }
    }
}
