package dev.berth.cli.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.docker.network.IpamPlan;
import dev.berth.cli.docker.network.NetworkFlagValues;
import dev.berth.cli.docker.network.NetworkRequests;
import dev.berth.cli.opts.Converters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** docker network create: IPAM pools from --subnet/--ip-range/--gateway/--aux-address, POST /networks/create, the new ID printed. */
@Command(name = "create", customSynopsis = "[OPTIONS] NETWORK", description = "Create a network")
final class NetworkCreateCmd extends DockerCommand {
    @Option(names = "--attachable", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Enable manual container attachment")
    boolean attachable;
    @Option(names = "--aux-address", description = "Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])")
    List<String> auxAddress = new ArrayList<>();
    @Option(names = "--config-from", description = "The network from which to copy the configuration")
    String configFrom = "";
    @Option(names = "--config-only", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Create a configuration only network")
    boolean configOnly;
    @Option(names = {"-d", "--driver"}, description = "Driver to manage the Network (default \"bridge\")")
    String driver = "bridge";
    @Option(names = "--gateway", converter = NetworkFlagValues.Csv.class, description = "IPv4 or IPv6 Gateway for the master subnet")
    List<String> gateway = new ArrayList<>();
    @Option(names = "--ingress", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Create swarm routing-mesh network")
    boolean ingress;
    @Option(names = "--internal", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Restrict external access to the network")
    boolean internal;
    @Option(names = "--ip-range", converter = NetworkFlagValues.Csv.class, description = "Allocate container ip from a sub-range")
    List<String> ipRange = new ArrayList<>();
    @Option(names = "--ipam-driver", description = "IP Address Management Driver (default \"default\")")
    String ipamDriver = "default";
    @Option(names = "--ipam-opt", description = "Set IPAM driver specific options (default map[])")
    List<String> ipamOpt = new ArrayList<>();
    @Option(names = "--ipv4", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Enable or disable IPv4 address assignment (default true)")
    Boolean ipv4;
    @Option(names = "--ipv6", arity = "0..1", fallbackValue = "true", converter = Converters.GoBool.class, description = "Enable or disable IPv6 address assignment")
    Boolean ipv6;
    @Option(names = "--label", converter = Converters.Label.class, description = "Set metadata on a network")
    List<String> label = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, description = "Set driver specific options (default map[])")
    List<String> opt = new ArrayList<>();
    @Option(names = "--scope", description = "Control the network's scope")
    String scope = "";
    @Option(names = "--subnet", converter = NetworkFlagValues.Csv.class, description = "Subnet in CIDR format that represents a network segment")
    List<String> subnet = new ArrayList<>();

    @Override
    Arity arity() {
        return new Arity(1, 1);
    }

    @Override
    int run() {
        List<IpamPlan.Pool> pools;
        try {
            pools = IpamPlan.pools(NetworkFlagValues.slice(subnet), NetworkFlagValues.slice(ipRange), NetworkFlagValues.slice(gateway),
                    NetworkFlagValues.map(auxAddress));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        String api = client().apiVersion();
        need("--attachable", "1.25", attachable, api);
        need("--ingress", "1.29", ingress, api);
        need("--scope", "1.30", !scope.isEmpty(), api);
        need("--config-only", "1.30", configOnly, api);
        need("--config-from", "1.30", !configFrom.isEmpty(), api);
        var body = NetworkRequests.create(new NetworkRequests.Create(args.get(0), driver, scope, ipv4, ipv6, ipamDriver,
                NetworkFlagValues.map(ipamOpt), pools, internal, attachable, ingress, configOnly, configFrom, NetworkFlagValues.map(opt), label),
                !client().versionAtLeast("1.44"));
        JsonNode resp = client().postJson("/networks/create", null, body);
        out().println(resp == null ? "" : resp.path("Id").asText(""));
        return 0;
    }

    /** cobra's "version" flag annotation: a flag newer than the negotiated API is refused before anything is sent. */
    private static void need(String flag, String min, boolean used, String api) {
        if (used && dev.berth.cli.client.DockerClient.compareVersions(api, min) < 0) {
            throw new CliException("\"" + flag + "\" requires API version " + min + ", but the Docker daemon API version is " + api);
        }
    }
}
