package dev.berth.network.files;

import dev.berth.network.ipam.Ipv4;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a container's /etc/resolv.conf from the host's, following moby's libnetwork resolvconf: the same lines and
 * the same trailing comment block, with "Berth" in the header. The caller writes {@link ResolvResult#content()}.
 */
public final class ResolvConfFile {
    /** Address of the embedded DNS server inside every container. */
    public static final String EMBEDDED_DNS = "127.0.0.11";
    public static final String DEFAULT_HOST_PATH = "/etc/resolv.conf";

    private ResolvConfFile() {
    }

    /**
     * For user-defined networks: {@code nameserver 127.0.0.11}, the host's (or overridden) search and options, and
     * {@code ndots:0} unless a valid ndots is set. Upstreams: the {@code --dns} servers, else all the host's
     * nameservers (loopback ones too: listed as {@code host(ip)}, they are queried from the host's namespace).
     */
    public static ResolvResult embedded(String hostContent, String hostPath, DnsOverrides overrides) {
        ResolvConf rc = ResolvConf.parse(hostContent, hostPath);
        rc.apply(overrides);
        List<ResolvConf.ExtServer> ext = new ArrayList<>();
        rc.nameServers.forEach(ns -> ext.add(new ResolvConf.ExtServer(ns, !rc.nsOverride)));
        rc.nameServers = new ArrayList<>(List.of(EMBEDDED_DNS));
        rc.extServers = ext;
        rc.requireNdots(0);
        rc.transform = "internal resolver";
        return new ResolvResult(rc.render(), ext.stream().map(ResolvConf.ExtServer::address).toList(), true);
    }

    /**
     * For the default bridge (no embedded DNS by default): the {@code --dns} servers, else the host's nameservers
     * minus loopback and IPv6 ones. If none is left, instead of Docker's fallback to Google's public DNS the file
     * points at 127.0.0.11, {@code needsEmbeddedDns} is set, and the upstreams are the host's nameservers (which
     * work from the host's namespace); they are empty if the host has none at all.
     */
    public static ResolvResult legacy(String hostContent, String hostPath, DnsOverrides overrides) {
        ResolvConf rc = ResolvConf.parse(hostContent, hostPath);
        rc.apply(overrides);
        rc.transform = "legacy";
        if (rc.nsOverride) {
            return new ResolvResult(rc.render(), List.of(), false);
        }
        List<String> hostServers = rc.nameServers;
        List<String> usable = hostServers.stream().filter(ResolvConfFile::usableInContainer).toList();
        if (!usable.isEmpty()) {
            rc.nameServers = new ArrayList<>(usable);
            return new ResolvResult(rc.render(), List.of(), false);
        }
        rc.nameServers = new ArrayList<>(List.of(EMBEDDED_DNS));
        rc.extServers = hostServers.stream().map(ns -> new ResolvConf.ExtServer(ns, true)).toList();
        return new ResolvResult(rc.render(), hostServers, true);
    }

    private static boolean usableInContainer(String nameServer) {
        InetAddress a = Ipv4.parseLiteral(nameServer);
        return a instanceof Inet4Address && !a.isLoopbackAddress();
    }
}
