package dev.berth.network.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Content of a container's /etc/hosts, in Docker's order: the fixed localhost/IPv6 lines, then {@code --add-host}
 * entries, then legacy {@code --link} entries, then the container's own addresses with its names. The caller writes it
 * and re-renders from an updated entry list on network connect/disconnect.
 */
public final class HostsFile {
    /** Docker's fixed header (etchosts defaultContent). */
    public static final List<HostsEntry> DEFAULTS = List.of(
            new HostsEntry("127.0.0.1", "localhost"),
            new HostsEntry("::1", "localhost ip6-localhost ip6-loopback"),
            new HostsEntry("fe00::0", "ip6-localnet"),
            new HostsEntry("ff00::0", "ip6-mcastprefix"),
            new HostsEntry("ff02::1", "ip6-allnodes"),
            new HostsEntry("ff02::2", "ip6-allrouters"));

    private HostsFile() {
    }

    /** {@link #DEFAULTS} followed by {@code entries}, one {@code ip\tnames} line each. */
    public static String render(List<HostsEntry> entries) {
        StringBuilder sb = new StringBuilder();
        DEFAULTS.forEach(e -> sb.append(e.line()));
        entries.forEach(e -> sb.append(e.line()));
        return sb.toString();
    }

    /** The container's own line: {@code ip\thostname.domainname hostname}, or {@code ip\thostname} without a domain. */
    public static HostsEntry self(String ip, String hostname, String domainname) {
        String names = domainname == null || domainname.isEmpty() ? hostname : hostname + "." + domainname + " " + hostname;
        return new HostsEntry(ip, names);
    }

    /**
     * A legacy {@code --link name:alias} line: {@code ip\talias childHostname childName}, the name left out when it
     * equals the alias, as Docker builds it.
     */
    public static HostsEntry link(String childIp, String alias, String childHostname, String childName) {
        String names = alias + " " + childHostname;
        if (!alias.equals(childName)) {
            names += " " + childName;
        }
        return new HostsEntry(childIp, names);
    }

    /** The entry list in Docker's order; {@code ownIps} may be empty (no network yet, or --network none). */
    public static List<HostsEntry> entries(List<ExtraHost> extraHosts, List<HostsEntry> links, List<String> ownIps,
                                           String hostname, String domainname) {
        List<HostsEntry> out = new ArrayList<>();
        extraHosts.forEach(h -> out.add(h.toEntry()));
        out.addAll(links);
        ownIps.forEach(ip -> out.add(self(ip, hostname, domainname)));
        return List.copyOf(out);
    }

    /** {@code entries} without {@code removed} (network disconnect: the container's line for that network). */
    public static List<HostsEntry> without(List<HostsEntry> entries, HostsEntry removed) {
        return entries.stream().filter(e -> !e.equals(removed)).toList();
    }
}
