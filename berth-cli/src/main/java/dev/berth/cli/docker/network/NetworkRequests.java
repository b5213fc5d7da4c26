package dev.berth.cli.docker.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON bodies of POST /networks/create, /networks/{id}/connect and /disconnect, field for
 * field as the docker 28 client marshals network.CreateRequest, ConnectOptions and
 * DisconnectOptions (Go order, maps with sorted keys, zero values written out where Go writes them).
 */
public final class NetworkRequests {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private NetworkRequests() {}

    /** What `network create` was given, flags already expanded (slices split, maps collected). */
    public record Create(String name, String driver, String scope, Boolean enableIpv4, Boolean enableIpv6, String ipamDriver,
                         Map<String, String> ipamOptions, List<IpamPlan.Pool> pools, boolean internal, boolean attachable,
                         boolean ingress, boolean configOnly, String configFrom, Map<String, String> options, List<String> labels) {}

    /**
     * network.CreateRequest. CheckDuplicate is sent (true) to API versions before 1.44, as the
     * Go client does; EnableIPv4/EnableIPv6 only when the flag was given.
     */
    public static ObjectNode create(Create c, boolean checkDuplicate) {
        ObjectNode o = F.objectNode();
        o.put("Driver", c.driver());
        o.put("Scope", c.scope());
        if (c.enableIpv4() != null) o.put("EnableIPv4", c.enableIpv4());
        if (c.enableIpv6() != null) o.put("EnableIPv6", c.enableIpv6());
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", c.ipamDriver());
        ipam.set("Options", stringMap(c.ipamOptions()));
        ArrayNode config = ipam.putArray("Config");
        for (IpamPlan.Pool p : c.pools()) {
            ObjectNode pool = config.addObject();
            if (!p.subnet().isEmpty()) pool.put("Subnet", p.subnet());
            if (!p.ipRange().isEmpty()) pool.put("IPRange", p.ipRange());
            if (!p.gateway().isEmpty()) pool.put("Gateway", p.gateway());
            if (!p.auxAddresses().isEmpty()) pool.set("AuxiliaryAddresses", stringMap(p.auxAddresses()));
        }
        o.put("Internal", c.internal());
        o.put("Attachable", c.attachable());
        o.put("Ingress", c.ingress());
        o.put("ConfigOnly", c.configOnly());
        if (c.configFrom() == null || c.configFrom().isEmpty()) o.putNull("ConfigFrom");
        else o.putObject("ConfigFrom").put("Network", c.configFrom());
        o.set("Options", stringMap(c.options()));
        o.set("Labels", stringMap(labels(c.labels())));
        o.put("Name", c.name());
        if (checkDuplicate) o.put("CheckDuplicate", true);
        return o;
    }

    /** opts.ConvertKVStringsToMap: "k=v" and bare "k" (value ""). */
    static Map<String, String> labels(List<String> labels) {
        Map<String, String> out = new TreeMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            out.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        return out;
    }

    /** What `network connect` was given. Links is null when no --link was given (Go sends null, not []). */
    public record Connect(String container, String ipv4, String ipv6, List<String> linkLocalIps, List<String> links, List<String> aliases,
                          Map<String, String> driverOpts, int gwPriority) {}

    /** network.ConnectOptions with the whole EndpointSettings, operational fields zero as the Go client sends them. */
    public static ObjectNode connect(Connect c) {
        ObjectNode o = F.objectNode();
        o.put("Container", c.container());
        ObjectNode ep = o.putObject("EndpointConfig");
        ObjectNode ipam = ep.putObject("IPAMConfig");
        if (!c.ipv4().isEmpty()) ipam.put("IPv4Address", c.ipv4());
        if (!c.ipv6().isEmpty()) ipam.put("IPv6Address", c.ipv6());
        if (!c.linkLocalIps().isEmpty()) ipam.set("LinkLocalIPs", strings(c.linkLocalIps()));
        if (c.links() == null) ep.putNull("Links");
        else ep.set("Links", strings(c.links()));
        ep.set("Aliases", strings(c.aliases()));
        ep.put("MacAddress", "");
        ep.set("DriverOpts", stringMap(c.driverOpts()));
        ep.put("GwPriority", c.gwPriority());
        ep.put("NetworkID", "");
        ep.put("EndpointID", "");
        ep.put("Gateway", "");
        ep.put("IPAddress", "");
        ep.put("IPPrefixLen", 0);
        ep.put("IPv6Gateway", "");
        ep.put("GlobalIPv6Address", "");
        ep.put("GlobalIPv6PrefixLen", 0);
        ep.putNull("DNSNames");
        return o;
    }

    /** network.DisconnectOptions. */
    public static ObjectNode disconnect(String container, boolean force) {
        ObjectNode o = F.objectNode();
        o.put("Container", container);
        o.put("Force", force);
        return o;
    }

    private static ObjectNode stringMap(Map<String, String> m) {
        ObjectNode o = F.objectNode();
        new TreeMap<>(m).forEach(o::put);
        return o;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }
}
