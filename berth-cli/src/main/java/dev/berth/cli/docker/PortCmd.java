package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** docker port: published ports from the container's NetworkSettings.Ports, in natural order. */
@Command(name = "port", customSynopsis = "CONTAINER [PRIVATE_PORT[/PROTO]]", description = "List port mappings or a specific mapping for the container")
final class PortCmd extends DockerCommand {
    @Override
    Arity arity() {
        return new Arity(1, 2);
    }

    @Override
    int run() {
        JsonNode c = client().getJson("/containers/" + args.get(0) + "/json", null);
        JsonNode ports = c.path("NetworkSettings").path("Ports");
        List<String> out = new ArrayList<>();
        if (args.size() == 2) {
            String spec = args.get(1);
            int slash = spec.indexOf('/');
            String port = slash < 0 ? spec : spec.substring(0, slash);
            String proto = slash < 0 || spec.substring(slash + 1).isEmpty() ? "tcp" : spec.substring(slash + 1);
            if (!port.matches("[0-9]+") || Long.parseLong(port) > 65535) {
                throw new CliException("Error: invalid port (" + port + "): strconv.ParseUint: parsing \"" + port + "\": "
                        + (port.matches("[0-9]+") ? "value out of range" : "invalid syntax"));
            }
            JsonNode frontends = ports.path(port + "/" + proto);
            if (!frontends.isArray() || frontends.isEmpty()) throw new CliException("Error: No public port '" + spec + "' published for " + args.get(0));
            for (JsonNode f : frontends) out.add(hostPort(f));
        } else {
            ports.fields().forEachRemaining(e -> {
                for (JsonNode f : e.getValue()) out.add(e.getKey() + " -> " + hostPort(f));
            });
        }
        if (!out.isEmpty()) {
            out.sort(PortCmd::naturalLess);
            out().println(String.join("\n", out));
        }
        return 0;
    }

    private static String hostPort(JsonNode f) {
        String ip = f.path("HostIp").asText(""), port = f.path("HostPort").asText("");
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    /** sortorder.NaturalLess: digit runs compare as numbers. */
    static int naturalLess(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                if (na.length() != nb.length()) return Integer.compare(na.length(), nb.length());
                int c = na.compareTo(nb);
                if (c != 0) return c;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
