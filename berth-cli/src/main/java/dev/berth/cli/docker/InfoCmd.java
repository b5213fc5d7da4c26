package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DockerClient;
import dev.berth.cli.format.GoJson;
import dev.berth.cli.format.Units;
import dev.berth.cli.template.GoTemplate;
import dev.berth.cli.template.TemplateException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker info: the client section and GET /info printed as docker prints it, or --format. */
@Command(name = "info", customSynopsis = "[OPTIONS]", description = "Display system-wide information")
final class InfoCmd extends DockerCommand {
    @Option(names = {"-f", "--format"}, description = "Format output using a custom template")
    String format = "";

    @Override
    Arity arity() {
        return new Arity(0, 0);
    }

    @Override
    int run() throws Exception {
        if (!format.isEmpty()) {
            JsonNode info = client().getJson("/info", null);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) dev.berth.cli.client.JsonCodec.toJava(info);
            Map<String, Object> clientInfo = new LinkedHashMap<>();
            clientInfo.put("Debug", false);
            clientInfo.put("Version", DockerClient.CLIENT_VERSION);
            clientInfo.put("Context", "default");
            clientInfo.put("Plugins", List.of());
            clientInfo.put("Warnings", null);
            data.put("ClientInfo", clientInfo);
            if (format.equals("json") || format.equals("{{json .}}")) {
                out().println(GoJson.write(data, false));
                return 0;
            }
            try {
                out().println(GoTemplate.parse(format).executeInspect(data));
            } catch (TemplateException e) {
                throw new CliException("template: " + e.getMessage(), 64);
            }
            return 0;
        }
        PrintStream o = out();
        o.println("Client:");
        o.println(" Version:    " + DockerClient.CLIENT_VERSION);
        o.println(" Context:    default");
        o.println(" Debug Mode: false");
        o.println();
        o.println("Server:");
        JsonNode i = client().getJson("/info", null);
        o.println(" Containers: " + i.path("Containers").asLong());
        o.println("  Running: " + i.path("ContainersRunning").asLong());
        o.println("  Paused: " + i.path("ContainersPaused").asLong());
        o.println("  Stopped: " + i.path("ContainersStopped").asLong());
        o.println(" Images: " + i.path("Images").asLong());
        nonEmpty(o, " Server Version:", i.path("ServerVersion").asText(""));
        nonEmpty(o, " Storage Driver:", i.path("Driver").asText(""));
        for (JsonNode pair : i.path("DriverStatus")) o.println("  " + pair.path(0).asText() + ": " + pair.path(1).asText());
        for (JsonNode pair : i.path("SystemStatus")) o.println(" " + pair.path(0).asText() + ": " + pair.path(1).asText());
        nonEmpty(o, " Logging Driver:", i.path("LoggingDriver").asText(""));
        nonEmpty(o, " Cgroup Driver:", i.path("CgroupDriver").asText(""));
        nonEmpty(o, " Cgroup Version:", i.path("CgroupVersion").asText(""));
        JsonNode plugins = i.path("Plugins");
        o.println(" Plugins:");
        o.println("  Volume: " + join(plugins.path("Volume")));
        o.println("  Network: " + join(plugins.path("Network")));
        if (!plugins.path("Authorization").isEmpty()) o.println("  Authorization: " + join(plugins.path("Authorization")));
        o.println("  Log: " + join(plugins.path("Log")));
        o.println(" Swarm: " + i.path("Swarm").path("LocalNodeState").asText("inactive"));
        List<String> runtimes = new ArrayList<>();
        i.path("Runtimes").fieldNames().forEachRemaining(runtimes::add);
        if (!runtimes.isEmpty()) {
            o.println(" Runtimes: " + String.join(" ", runtimes));
            o.println(" Default Runtime: " + i.path("DefaultRuntime").asText(""));
        }
        if (i.path("OSType").asText("").equals("linux")) {
            o.println(" Init Binary: " + i.path("InitBinary").asText(""));
            o.println(" containerd version: " + i.path("ContainerdCommit").path("ID").asText(""));
            o.println(" runc version: " + i.path("RuncCommit").path("ID").asText(""));
            o.println(" init version: " + i.path("InitCommit").path("ID").asText(""));
            if (!i.path("SecurityOptions").isEmpty()) {
                o.println(" Security Options:");
                for (JsonNode so : i.path("SecurityOptions")) {
                    String name = "";
                    List<String[]> opts = new ArrayList<>();
                    for (String kv : so.asText().split(",")) {
                        int eq = kv.indexOf('=');
                        String k = eq < 0 ? kv : kv.substring(0, eq), v = eq < 0 ? "" : kv.substring(eq + 1);
                        if (k.equals("name")) name = v;
                        else opts.add(new String[] {k, v});
                    }
                    o.println("  " + name);
                    for (String[] kv : opts) if (kv[0].equals("profile")) o.println("   Profile: " + kv[1]);
                }
            }
        }
        nonEmpty(o, " Kernel Version:", i.path("KernelVersion").asText(""));
        nonEmpty(o, " Operating System:", i.path("OperatingSystem").asText(""));
        nonEmpty(o, " OSType:", i.path("OSType").asText(""));
        nonEmpty(o, " Architecture:", i.path("Architecture").asText(""));
        o.println(" CPUs: " + i.path("NCPU").asLong());
        o.println(" Total Memory: " + Units.bytesSize(i.path("MemTotal").asLong()));
        nonEmpty(o, " Name:", i.path("Name").asText(""));
        nonEmpty(o, " ID:", i.path("ID").asText(""));
        o.println(" Docker Root Dir: " + i.path("DockerRootDir").asText(""));
        o.println(" Debug Mode: " + i.path("Debug").asBoolean());
        nonEmpty(o, " HTTP Proxy:", i.path("HttpProxy").asText(""));
        nonEmpty(o, " HTTPS Proxy:", i.path("HttpsProxy").asText(""));
        nonEmpty(o, " No Proxy:", i.path("NoProxy").asText(""));
        if (!i.path("Labels").isEmpty()) {
            o.println(" Labels:");
            for (JsonNode l : i.path("Labels")) o.println("  " + l.asText());
        }
        o.println(" Experimental: " + i.path("ExperimentalBuild").asBoolean());
        JsonNode reg = i.path("RegistryConfig");
        if (!reg.path("InsecureRegistryCIDRs").isEmpty() || !reg.path("IndexConfigs").isEmpty()) {
            o.println(" Insecure Registries:");
            reg.path("IndexConfigs").forEach(ic -> {
                if (!ic.path("Secure").asBoolean()) o.println("  " + ic.path("Name").asText());
            });
            for (JsonNode cidr : reg.path("InsecureRegistryCIDRs")) o.println("  " + cidr.asText());
        }
        if (!reg.path("Mirrors").isEmpty()) {
            o.println(" Registry Mirrors:");
            for (JsonNode m : reg.path("Mirrors")) o.println("  " + m.asText());
        }
        o.println(" Live Restore Enabled: " + i.path("LiveRestoreEnabled").asBoolean());
        if (!i.path("ProductLicense").asText("").isEmpty()) o.println(" Product License: " + i.path("ProductLicense").asText());
        o.println();
        o.flush();
        for (JsonNode w : i.path("Warnings")) err().println(w.asText());
        return 0;
    }

    private static void nonEmpty(PrintStream o, String label, String value) {
        if (!value.isEmpty()) o.println(label + " " + value);
    }

    private static String join(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) out.add(n.asText());
        return String.join(" ", out);
    }
}
