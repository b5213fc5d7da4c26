package dev.berth.network.files;

import dev.berth.common.BerthException;

import java.util.List;

/** A container's {@code --dns}, {@code --dns-search} and {@code --dns-option}; empty lists mean "use the host's". */
public record DnsOverrides(List<String> servers, List<String> search, List<String> options) {
    public static final DnsOverrides NONE = new DnsOverrides(List.of(), List.of(), List.of());

    public DnsOverrides {
        servers = servers == null ? List.of() : List.copyOf(servers);
        search = search == null ? List.of() : List.copyOf(search);
        options = options == null ? List.of() : List.copyOf(options);
        for (String s : servers) {
            if (NameServers.parse(s) == null) {
                throw BerthException.invalid("IP address is not correctly formatted: %s", s);
            }
        }
    }
}
