package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.docker.network.NetworkRequests;
import dev.berth.cli.opts.Converters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker network disconnect: POST /networks/{network}/disconnect {"Container", "Force"}. */
@Command(name = "disconnect", customSynopsis = "[OPTIONS] NETWORK CONTAINER", description = "Disconnect a container from a network")
final class NetworkDisconnectCmd extends DockerCommand {
    @Option(names = {"-f", "--force"}, arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class,
            description = "Force the container to disconnect from a network")
    boolean force;

    @Override
    Arity arity() {
        return new Arity(2, 2);
    }

    @Override
    int run() {
        String network = id("network", args.get(0));
        String container = id("container", args.get(1));
        client().call("POST", "/networks/" + Query.path(network) + "/disconnect", null, NetworkRequests.disconnect(container, force)).close();
        return 0;
    }

    /** The Go client's trimID: surrounding blanks dropped, an empty name refused before any request. */
    static String id(String kind, String name) {
        String id = name.strip();
        if (id.isEmpty()) throw new CliException("invalid " + kind + " name or ID: value is empty");
        return id;
    }
}
