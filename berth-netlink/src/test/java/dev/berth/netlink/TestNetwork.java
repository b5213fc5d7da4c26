package dev.berth.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Names what a test creates in the kernel and removes all of it, asserting it is gone. */
final class TestNetwork implements AutoCloseable {
    final String suffix = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    private final List<String> hostLinks = new ArrayList<>();
    private final List<Path> netnsFiles = new ArrayList<>();
    final RtNetlink host = RtNetlink.open();

    /** A host interface name registered for cleanup (≤ 15 chars). */
    String hostLink(String prefix) {
        String name = prefix + suffix;
        hostLinks.add(name);
        return name;
    }

    Path netns(Path file) {
        netnsFiles.add(file);
        return file;
    }

    /** Picks 10.201.x.0/24 not overlapping any route of the main table (except default routes). */
    int freeSubnetOctet() {
        List<Route> routes = host.routes();
        for (int attempt = 0; attempt < 64; attempt++) {
            int x = ThreadLocalRandom.current().nextInt(1, 255);
            int candidate = (10 << 24) | (201 << 16) | (x << 8);
            boolean overlaps = routes.stream().filter(r -> !r.isDefault()).anyMatch(r -> {
                String[] p = r.dst().split("/");
                int len = Math.min(Integer.parseInt(p[1]), 24);
                int mask = len == 0 ? 0 : -1 << (32 - len);
                return (ipv4(p[0]) & mask) == (candidate & mask);
            });
            if (!overlaps) return x;
        }
        throw new AssertionError("no free 10.201.x.0/24 subnet in " + routes);
    }

    static int ipv4(String dotted) {
        int v = 0;
        for (String part : dotted.split("\\.")) v = (v << 8) | Integer.parseInt(part);
        return v;
    }

    @Override
    public void close() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (String link : hostLinks) {
            try {
                host.deleteLink(link);
            } catch (Throwable t) {
                failures.add(t);
            }
        }
        for (Path f : netnsFiles) {
            try {
                Netns.delete(f);
            } catch (Throwable t) {
                failures.add(t);
            }
        }
        try {
            for (String link : hostLinks) assertEquals(-1, host.linkIndex(link), "link " + link + " still exists");
            for (Path f : netnsFiles) assertFalse(Files.exists(f), "netns file " + f + " still exists");
        } finally {
            host.close();
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("cleanup failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
