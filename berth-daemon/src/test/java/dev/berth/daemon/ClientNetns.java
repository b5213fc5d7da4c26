package dev.berth.daemon;

import dev.berth.netlink.Netns;
import dev.berth.netlink.RtNetlink;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace the test makes, joined to the host by a veth pair on a /30 of 10.250.0.0/16:
 * the host side is {@link #hostIp}, the namespace's {@link #ip}. Traffic from it to a host address
 * is "from another machine" for published ports; a container reaching {@link #ip} tests outbound NAT.
 */
final class ClientNetns implements AutoCloseable {
    final Path file;
    final String hostLink;
    final String hostIp;
    final String ip;

    ClientNetns(Path dir) throws Exception {
        int n = ThreadLocalRandom.current().nextInt(1, 16000);
        String tag = Integer.toHexString(n);
        file = dir.resolve("cns-" + tag);
        hostLink = "bntc" + tag;
        int base = n * 4;
        String prefix = "10.250." + (base >> 8) + ".";
        hostIp = prefix + ((base & 0xff) + 1);
        ip = prefix + ((base & 0xff) + 2);
        Files.createDirectories(dir);
        Netns.create(file);
        try (RtNetlink host = RtNetlink.open()) {
            host.addVeth(hostLink, "eth0", file, 1500, null);
            host.addAddress(hostLink, InetAddress.getByName(hostIp), 30);
            host.setUp(hostLink);
        }
        try (RtNetlink in = RtNetlink.openIn(file)) {
            in.addAddress("eth0", InetAddress.getByName(ip), 30);
            in.setUp("eth0");
            in.addDefaultRoute(InetAddress.getByName(hostIp));
        }
    }

    /** A shell command run inside the namespace (nsenter), its output. */
    DockerCli.Result sh(String cmd) throws Exception {
        Process p = new ProcessBuilder("nsenter", "--net=" + file, "sh", "-c", cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        p.waitFor();
        return new DockerCli.Result(p.exitValue(), new String(out), new String(err));
    }

    @Override
    public void close() {
        try (RtNetlink host = RtNetlink.open()) {
            host.deleteLink(hostLink);
        } finally {
            Netns.delete(file);
        }
    }
}
