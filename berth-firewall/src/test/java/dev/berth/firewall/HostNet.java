package dev.berth.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture on the real kernel: bridges, network namespaces with a veth each, a busybox httpd in one of them.
 * Records everything it makes and {@link #close} removes it in reverse order, even after a failure.
 */
final class HostNet implements AutoCloseable {
    private final List<String> links = new ArrayList<>();
    private final List<String> netns = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    void bridge(String name, String gatewayCidr) {
        run("ip", "link", "add", name, "type", "bridge");
        links.add(name);
        run("ip", "addr", "add", gatewayCidr, "dev", name);
        run("ip", "link", "set", name, "up");
    }

    /** A netns {@code ns} whose eth0 (address {@code cidr}, default route via {@code gateway}) is a port of {@code bridge}. */
    void namespace(String ns, String hostVeth, String bridge, String cidr, String gateway, boolean hairpin) {
        run("ip", "netns", "add", ns);
        netns.add(ns);
        run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        links.add(hostVeth);
        run("ip", "link", "set", hostVeth, "master", bridge, "up");
        // A container reaching its own published port is bridged back out of the port it came in by when
        // br_netfilter is loaded; like dockerd (userland-proxy=false) the port then needs hairpin mode.
        if (hairpin) run("ip", "link", "set", hostVeth, "type", "bridge_slave", "hairpin", "on");
        run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
        run("ip", "-n", ns, "link", "set", "eth0", "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "route", "add", "default", "via", gateway);
    }

    void httpd(String ns, int port, String docRoot) throws IOException {
        processes.add(new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", String.valueOf(port), "-h", docRoot)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** {@code busybox wget} of {@code url} inside {@code ns}; the body, or null if the request failed. */
    static String wgetIn(String ns, String url) {
        // busybox 1.35's wget -T crashes (SIGSEGV), so coreutils' timeout bounds the request instead.
        Result r = exec("ip", "netns", "exec", ns, "timeout", "4", "busybox", "wget", "-q", "-O", "-", url);
        return r.exit == 0 ? r.out : null;
    }

    record Result(int exit, String out) {}

    static Result exec(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", argv));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(String... argv) {
        Result r = exec(argv);
        if (r.exit != 0) throw new AssertionError(String.join(" ", argv) + " exited " + r.exit + ": " + r.out);
        return r.out;
    }

    @Override
    public void close() {
        for (Process p : processes.reversed()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : netns.reversed()) exec("ip", "netns", "del", ns);
        for (String link : links.reversed()) {
            if (exec("ip", "link", "show", link).exit == 0) exec("ip", "link", "del", link);
        }
    }
}
