package dev.berth.cli.docker;

import dev.berth.cli.client.Query;
import dev.berth.cli.docker.network.NetworkFlagValues;
import dev.berth.cli.docker.network.NetworkRequests;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker network connect: POST /networks/{network}/connect with the container and its endpoint settings. */
@Command(name = "connect", customSynopsis = "[OPTIONS] NETWORK CONTAINER", description = "Connect a container to a network")
final class NetworkConnectCmd extends DockerCommand {
    @Option(names = "--alias", converter = NetworkFlagValues.Csv.class, description = "Add network-scoped alias for the container")
    List<String> alias = new ArrayList<>();
    @Option(names = "--driver-opt", converter = NetworkFlagValues.Csv.class, description = "driver options for the network")
    List<String> driverOpt = new ArrayList<>();
    @Option(names = "--gw-priority", converter = Converters.GoInt.class,
            description = "Highest gw-priority provides the default gateway. Accepts positive and negative values.")
    int gwPriority;
    @Option(names = "--ip", description = "IPv4 address (e.g., \"172.30.100.104\")")
    String ip = "";
    @Option(names = "--ip6", description = "IPv6 address (e.g., \"2001:db8::33\")")
    String ip6 = "";
    @Option(names = "--link", converter = Converters.Link.class, description = "Add link to another container")
    List<String> link = new ArrayList<>();
    @Option(names = "--link-local-ip", converter = NetworkFlagValues.Csv.class, description = "Add a link-local address for the container")
    List<String> linkLocalIp = new ArrayList<>();

    @Override
    Arity arity() {
        return new Arity(2, 2);
    }

    @Override
    int run() {
        Map<String, String> driverOpts;
        try {
            driverOpts = NetworkFlagValues.driverOpts(NetworkFlagValues.slice(driverOpt));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        String network = NetworkDisconnectCmd.id("network", args.get(0));
        String container = NetworkDisconnectCmd.id("container", args.get(1));
        var body = NetworkRequests.connect(new NetworkRequests.Connect(container, ip, ip6, NetworkFlagValues.slice(linkLocalIp),
                link.isEmpty() ? null : link, NetworkFlagValues.slice(alias), driverOpts, gwPriority));
        client().call("POST", "/networks/" + Query.path(network) + "/connect", null, body).close();
        return 0;
    }
}
