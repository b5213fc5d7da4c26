package dev.berth.daemon.api;

import dev.berth.engine.container.ContainerRecord;
import dev.berth.engine.network.NetworkRecord;
import dev.berth.engine.network.Published;
import dev.berth.engine.network.Sandboxes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's JSON shapes for networks and for the network part of containers (inspect, list). */
final class NetworkViews {
    private NetworkViews() {}

    /** GET /networks/{id}: the network with its running containers. */
    static Map<String, Object> network(NetworkRecord n, Map<String, Sandboxes.EndpointView> containers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", n.name());
        m.put("Id", n.id());
        m.put("Created", n.created());
        m.put("Scope", "local");
        m.put("Driver", n.driver());
        m.put("EnableIPv6", n.enableIpv6());
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("Driver", "default");
        ipam.put("Options", null);
        List<Map<String, Object>> cfg = new ArrayList<>();
        if (n.subnet() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Subnet", n.subnet());
            if (n.ipRange() != null) c.put("IPRange", n.ipRange());
            c.put("Gateway", n.gateway());
            cfg.add(c);
        }
        ipam.put("Config", cfg);
        m.put("IPAM", ipam);
        m.put("Internal", n.internal());
        m.put("Attachable", n.attachable());
        m.put("Ingress", false);
        m.put("ConfigFrom", Map.of("Network", ""));
        m.put("ConfigOnly", false);
        Map<String, Object> cs = new LinkedHashMap<>();
        if (containers != null)
            for (Map.Entry<String, Sandboxes.EndpointView> e : containers.entrySet()) {
                Sandboxes.EndpointView v = e.getValue();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("Name", v.containerName());
                c.put("EndpointID", v.endpointId());
                c.put("MacAddress", v.mac());
                c.put("IPv4Address", v.ip() + "/" + v.prefix());
                c.put("IPv6Address", "");
                cs.put(e.getKey(), c);
            }
        m.put("Containers", cs);
        m.put("Options", n.options());
        m.put("Labels", n.labels());
        return m;
    }

    /** inspect's NetworkSettings. */
    static Map<String, Object> settings(ContainerRecord r, Sandboxes s) {
        boolean running = r.state().running();
        List<Sandboxes.EndpointView> eps = s == null ? List.of() : s.endpoints(r.id());
        String mode = s == null ? "default" : s.modeOf(r.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Bridge", "");
        m.put("SandboxID", running && s != null && !s.sandboxKey(r.id()).isEmpty() ? r.id() : "");
        m.put("HairpinMode", false);
        m.put("LinkLocalIPv6Address", "");
        m.put("LinkLocalIPv6PrefixLen", 0);
        m.put("Ports", running ? ports(r, s) : Map.of());
        m.put("SandboxKey", s == null ? "" : s.sandboxKey(r.id()));
        m.put("SecondaryIPAddresses", null);
        m.put("SecondaryIPv6Addresses", null);
        Sandboxes.EndpointView def = null;
        for (Sandboxes.EndpointView e : eps) if (e.networkName().equals("bridge")) def = e;
        m.put("EndpointID", def == null ? "" : def.endpointId());
        m.put("Gateway", def == null ? "" : def.gateway());
        m.put("GlobalIPv6Address", "");
        m.put("GlobalIPv6PrefixLen", 0);
        m.put("IPAddress", def == null ? "" : def.ip());
        m.put("IPPrefixLen", def == null ? 0 : def.prefix());
        m.put("IPv6Gateway", "");
        m.put("MacAddress", def == null ? "" : def.mac());
        m.put("Networks", networks(eps, mode));
        return m;
    }

    static Map<String, Object> networks(List<Sandboxes.EndpointView> eps, String mode) {
        Map<String, Object> nets = new LinkedHashMap<>();
        for (Sandboxes.EndpointView e : eps) nets.put(e.networkName(), endpoint(e));
        if (eps.isEmpty() && !mode.startsWith("container:")) {
            String name = mode.equals("default") ? "bridge" : mode;
            nets.put(name, endpoint(new Sandboxes.EndpointView("", name, "", "", 0, "", "", List.of(), List.of(), "")));
        }
        return nets;
    }

    private static Map<String, Object> endpoint(Sandboxes.EndpointView e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("IPAMConfig", null);
        m.put("Links", null);
        m.put("Aliases", e.aliases().isEmpty() ? null : e.aliases());
        m.put("NetworkID", e.networkId());
        m.put("EndpointID", e.endpointId());
        m.put("Gateway", e.gateway());
        m.put("IPAddress", e.ip());
        m.put("IPPrefixLen", e.prefix());
        m.put("IPv6Gateway", "");
        m.put("GlobalIPv6Address", "");
        m.put("GlobalIPv6PrefixLen", 0);
        m.put("MacAddress", e.mac());
        m.put("DriverOpts", null);
        m.put("DNSNames", e.dnsNames().isEmpty() ? null : e.dnsNames());
        return m;
    }

    /** NetworkSettings.Ports: published ports with their host sides, exposed-only ports with null. */
    static Map<String, Object> ports(ContainerRecord r, Sandboxes s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String p : exposed(r)) m.put(p.contains("/") ? p : p + "/tcp", null);
        if (s != null)
            for (Published p : s.ports(r.id())) {
                @SuppressWarnings("unchecked")
                List<Map<String, String>> l = (List<Map<String, String>>) m.get(p.key());
                if (l == null) {
                    l = new ArrayList<>();
                    m.put(p.key(), l);
                }
                l.add(Map.of("HostIp", p.hostIp(), "HostPort", Integer.toString(p.hostPort())));
            }
        return m;
    }

    private static Set<String> exposed(ContainerRecord r) {
        return r.config() == null || r.config().exposedPorts() == null ? Set.of() : r.config().exposedPorts().keySet();
    }

    /** The list row's Ports: [{IP, PrivatePort, PublicPort, Type}], exposed-only ports without IP and PublicPort. */
    static List<Map<String, Object>> listPorts(ContainerRecord r, Sandboxes s) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!r.state().running()) return out;
        Set<String> published = new java.util.HashSet<>();
        if (s != null)
            for (Published p : s.ports(r.id())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("IP", p.hostIp());
                m.put("PrivatePort", p.containerPort());
                m.put("PublicPort", p.hostPort());
                m.put("Type", p.proto());
                out.add(m);
                published.add(p.key());
            }
        for (String p : exposed(r)) {
            String key = p.contains("/") ? p : p + "/tcp";
            if (published.contains(key)) continue;
            String[] kp = key.split("/");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("PrivatePort", Integer.parseInt(kp[0].split("-")[0]));
            m.put("Type", kp[1]);
            out.add(m);
        }
        return out;
    }
}
