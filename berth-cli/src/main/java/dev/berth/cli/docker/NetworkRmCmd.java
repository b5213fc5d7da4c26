package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.client.DaemonError;
import dev.berth.cli.client.Query;
import dev.berth.cli.opts.Converters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * docker network rm: each removed name printed, each failure printed as it happens, then
 * "exit status 1" and status 1 if any failed (docker 28 ends with a StatusError of that text).
 * With -f a network that does not exist is not an error. The routing-mesh (ingress) network is
 * removed only after confirmation, as docker asks.
 */
@Command(name = "rm", customSynopsis = "NETWORK [NETWORK...]", description = "Remove one or more networks")
final class NetworkRmCmd extends DockerCommand {
    static final String INGRESS_WARNING = "WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same "
            + "docker engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\n"
            + "Are you sure you want to continue?";

    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Do not error if the network does not exist")
    boolean force;

    @Override
    Arity arity() {
        return new Arity(1, -1);
    }

    @Override
    int run() throws IOException {
        boolean failed = false;
        BufferedReader stdin = null;
        for (String name : args) {
            String id = name.strip();
            if (id.isEmpty()) {
                err().println("invalid network name or ID: value is empty");
                failed = true;
                continue;
            }
            String path = "/networks/" + Query.path(id);
            if (isIngress(path)) {
                if (stdin == null) stdin = new BufferedReader(new InputStreamReader(session().in(), StandardCharsets.UTF_8));
                out().print(INGRESS_WARNING + " [y/N] ");
                out().flush();
                String answer = stdin.readLine();
                if (answer == null || !answer.strip().equalsIgnoreCase("y")) continue;
            }
            try {
                client().call("DELETE", path, null, null).close();
            } catch (DaemonError e) {
                if (force && e.isNotFound()) continue;
                out().flush();
                err().println(e.getMessage());
                failed = true;
                continue;
            }
            out().println(name);
        }
        if (failed) throw new CliException("exit status 1", 1);
        return 0;
    }

    private boolean isIngress(String path) {
        try {
            JsonNode n = client().getJson(path, null);
            return n.path("Ingress").asBoolean(false);
        } catch (DaemonError e) {
            return false;
        }
    }
}
