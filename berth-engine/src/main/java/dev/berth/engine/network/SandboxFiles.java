package dev.berth.engine.network;

import dev.berth.common.AtomicFiles;
import dev.berth.network.files.DnsOverrides;
import dev.berth.network.files.ExtraHost;
import dev.berth.network.files.HostsEntry;
import dev.berth.network.files.HostsFile;
import dev.berth.network.files.ResolvConfFile;
import dev.berth.network.files.ResolvResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A container's /etc/hosts and /etc/resolv.conf for its sandbox, written atomically beside its record. */
final class SandboxFiles {
    private SandboxFiles() {}

    record Resolv(String content, List<String> upstreams, boolean embedded) {}

    static Resolv resolv(SandboxSpec spec, NetworkOptions options, boolean userNetwork) {
        String host;
        try {
            host = Files.readString(options.hostResolvConf(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            host = "";
        }
        List<String> servers = !spec.dns().isEmpty() ? spec.dns() : options.dns();
        List<String> search = !spec.dnsSearch().isEmpty() ? spec.dnsSearch() : options.dnsSearch();
        List<String> opts = !spec.dnsOptions().isEmpty() ? spec.dnsOptions() : options.dnsOptions();
        DnsOverrides o = new DnsOverrides(servers, search, opts);
        String path = options.hostResolvConf().toString();
        ResolvResult r = userNetwork ? ResolvConfFile.embedded(host, path, o) : ResolvConfFile.legacy(host, path, o);
        return new Resolv(r.content(), r.upstreams(), r.needsEmbeddedDns());
    }

    static void writeHosts(SandboxSpec spec, List<String> ownIps, Map<String, List<String>> links, InetAddress gateway) throws IOException {
        String gw = gateway == null ? null : gateway.getHostAddress();
        List<ExtraHost> extra = new ArrayList<>();
        for (String h : spec.extraHosts()) extra.add(ExtraHost.parse(h, gw));
        List<HostsEntry> linkEntries = new ArrayList<>();
        for (Map.Entry<String, List<String>> l : links.entrySet()) linkEntries.add(new HostsEntry(l.getKey(), String.join(" ", l.getValue())));
        List<HostsEntry> entries = new ArrayList<>();
        entries.addAll(HostsFile.entries(extra, linkEntries, ownIps, spec.hostname(), spec.domainname()));
        write(spec.hostsFile(), HostsFile.render(entries));
    }

    /**
     * In place when the file exists: it is bind-mounted into the running container, and a rename
     * would leave the mount on the old inode (so a connect's changes would not show).
     */
    static void write(Path file, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file)) Files.write(file, b, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE);
        else AtomicFiles.write(file, b, false);
    }
}
