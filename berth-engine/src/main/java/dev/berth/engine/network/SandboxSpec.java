package dev.berth.engine.network;

import dev.berth.engine.model.PortBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a container's sandbox is built from: its name, DNS and hosts settings, ports, and where its files go. */
public record SandboxSpec(String containerId, String hostname, String domainname, List<String> dns, List<String> dnsSearch,
                          List<String> dnsOptions, List<String> extraHosts, List<String> links,
                          Map<String, List<PortBinding>> portBindings, boolean publishAll, Set<String> exposedPorts, Path hostsFile,
                          Path resolvConfFile) {
    public SandboxSpec {
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        links = links == null ? List.of() : List.copyOf(links);
        portBindings = portBindings == null ? Map.of() : Map.copyOf(portBindings);
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
    }
}
