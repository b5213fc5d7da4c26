package dev.berth.engine.container;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf from the host's, as Docker makes it for a container with its
 * own network namespace: loopback nameservers (a local resolver the container cannot reach) are
 * dropped, and when none is left Google's public resolvers are used.
 */
public final class ResolvConf {
    private ResolvConf() {}

    public static String forContainer(String host) {
        List<String> out = new ArrayList<>();
        boolean nameserver = false;
        for (String line : host.split("\n")) {
            String t = line.strip();
            if (t.startsWith("nameserver")) {
                String[] f = t.split("\\s+");
                if (f.length < 2 || f[1].startsWith("127.") || f[1].equals("::1")) continue;
                nameserver = true;
            }
            out.add(line);
        }
        if (!nameserver) {
            out.add("nameserver 8.8.8.8");
            out.add("nameserver 8.8.4.4");
        }
        return String.join("\n", out).strip() + "\n";
    }
}
