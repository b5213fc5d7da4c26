package dev.berth.netlink;

import static org.junit.jupiter.api.Assertions.*;

import dev.berth.common.BerthException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container-like setup: bridge on the host, veth whose peer is eth0 in a netns, traffic between them. */
class BridgeNetworkIT {
    @TempDir Path tmp;
    private final TestNetwork net = new TestNetwork();

    @AfterEach
    void cleanup() throws Exception {
        net.close();
    }

    @Test
    void containerReachesTheBridgeAddressThroughTheVeth() throws Exception {
        RtNetlink host = net.host;
        int x = net.freeSubnetOctet();
        String bridge = net.hostLink("bnt");
        String veth = net.hostLink("vnt");
        Path ns = net.netns(tmp.resolve("ns" + net.suffix));
        InetAddress gateway = InetAddress.getByName("10.201." + x + ".1");
        InetAddress containerIp = InetAddress.getByName("10.201." + x + ".2");
        String mac = String.format("02:42:0a:c9:%02x:02", x);

        host.addBridge(bridge, 1500);
        host.addAddress(bridge, gateway, 24);
        host.setUp(bridge);
        Netns.create(ns);
        host.addVeth(veth, "eth0", ns, 1500, mac);
        host.setMaster(veth, bridge);
        host.setUp(veth);
        try (RtNetlink in = RtNetlink.openIn(ns)) {
            in.addAddress("eth0", containerIp, 24);
            in.setUp("eth0");
            in.addDefaultRoute(gateway);

            Link eth0 = in.links().stream().filter(l -> l.name().equals("eth0")).findFirst().orElseThrow();
            assertEquals(new Link(eth0.index(), "eth0", "veth", mac, 1500, 0, true), eth0);
            in.addAddress("eth0", InetAddress.getByName("fd00:c9:" + Integer.toHexString(x) + "::2"), 64);
            List<String> cidrs = in.addresses("eth0").stream().map(Address::cidr).toList();
            assertEquals(List.of("10.201." + x + ".2/24"),
                    cidrs.stream().filter(c -> !c.contains(":")).toList(), cidrs.toString());
            assertTrue(cidrs.contains("fd00:c9:" + Integer.toHexString(x) + ":0:0:0:0:2/64"), cidrs.toString());
            assertTrue(in.routes().contains(new Route("0.0.0.0/0", gateway.getHostAddress(), eth0.index())), in.routes().toString());
            assertTrue(in.routes().contains(new Route("10.201." + x + ".0/24", null, eth0.index())), in.routes().toString());
        }
        int bridgeIndex = host.linkIndex(bridge);
        Link hostEnd = host.link(veth).orElseThrow();
        assertEquals("veth", hostEnd.kind());
        assertEquals(bridgeIndex, hostEnd.masterIndex());
        assertTrue(hostEnd.up());
        assertEquals("bridge", host.link(bridge).orElseThrow().kind());
        assertEquals(List.of("10.201." + x + ".1/24"), host.addresses(bridge).stream()
                .filter(a -> a.address() instanceof java.net.Inet4Address).map(Address::cidr).toList());

        List<Route> routes = host.routes();
        assertTrue(routes.contains(new Route("10.201." + x + ".0/24", null, bridgeIndex)), routes.toString());
        String hostDefaultGw = procNetRouteDefaultGateway();
        if (hostDefaultGw != null) {
            assertTrue(routes.stream().anyMatch(r -> r.isDefault() && hostDefaultGw.equals(r.gateway())), routes.toString());
        } else {
            assertTrue(routes.stream().noneMatch(Route::isDefault), routes.toString());
        }

        assertTcpFromContainer(ns, gateway, containerIp);
        assertPingFromContainer(ns, gateway);
    }

    /** A Java socket opened inside the netns connects to a server bound on the bridge address. */
    private static void assertTcpFromContainer(Path ns, InetAddress gateway, InetAddress containerIp) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(gateway, 0));
            CompletableFuture<InetAddress> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(42);
                    return s.getInetAddress();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            int got = Netns.call(ns, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(gateway, server.getLocalPort()), 3000);
                    s.setSoTimeout(3000);
                    try (InputStream in = s.getInputStream()) {
                        return in.read();
                    }
                }
            });
            assertEquals(42, got);
            assertEquals(containerIp, peer.get(5, TimeUnit.SECONDS));
        }
    }

    private static void assertPingFromContainer(Path ns, InetAddress gateway) throws Exception {
        Process p = new ProcessBuilder("nsenter", "--net=" + ns, "busybox", "ping", "-c1", "-W2", gateway.getHostAddress())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("1 packets received"), out);
    }

    /** The host's default gateway per /proc/net/route (main table), independent of our parser; null if none. */
    private static String procNetRouteDefaultGateway() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/route"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f[1].equals("00000000") && f[7].equals("00000000")) {
                int le = (int) Long.parseLong(f[2], 16);
                return (le & 0xff) + "." + ((le >>> 8) & 0xff) + "." + ((le >>> 16) & 0xff) + "." + ((le >>> 24) & 0xff);
            }
        }
        return null;
    }

    @Test
    void duplicateBridgeIsAlreadyExistsAndLeavesNothing() throws Exception {
        RtNetlink host = net.host;
        String bridge = net.hostLink("bnt");
        host.addBridge(bridge, 0);
        List<String> before = host.links().stream().map(Link::name).sorted().toList();
        BerthException e = assertThrows(BerthException.class, () -> host.addBridge(bridge, 0));
        assertEquals(BerthException.Kind.ALREADY_EXISTS, e.kind());
        assertEquals("add bridge " + bridge + ": File exists", e.getMessage().replaceAll(" \\(.*\\)$", ""));
        assertEquals(before, host.links().stream().map(Link::name).sorted().toList());

        // a veth whose host name is taken must not leave its peer behind in the namespace
        Path ns = net.netns(tmp.resolve("ns" + net.suffix));
        Netns.create(ns);
        BerthException v = assertThrows(BerthException.class, () -> host.addVeth(bridge, "eth0", ns, 0, null));
        assertEquals(BerthException.Kind.ALREADY_EXISTS, v.kind());
        assertTrue(v.getMessage().startsWith("add veth " + bridge + " (peer eth0): File exists"), v.getMessage());
        try (RtNetlink in = RtNetlink.openIn(ns)) {
            assertEquals(-1, in.linkIndex("eth0"));
        }
        assertEquals(before, host.links().stream().map(Link::name).sorted().toList());

        // a peer name taken inside the namespace: the kernel fails and removes the half-made pair
        String first = net.hostLink("vnt");
        String second = net.hostLink("wnt");
        host.addVeth(first, "eth0", ns, 0, null);
        BerthException p = assertThrows(BerthException.class, () -> host.addVeth(second, "eth0", ns, 0, null));
        assertEquals(BerthException.Kind.ALREADY_EXISTS, p.kind());
        assertEquals(-1, host.linkIndex(second));
        try (RtNetlink in = RtNetlink.openIn(ns)) {
            assertEquals(List.of("eth0", "lo"), in.links().stream().map(Link::name)
                    .filter(n -> n.equals("lo") || n.startsWith("eth")).sorted().toList());
        }
    }

    @Test
    void linkAttributesChangeAndMissingLinksAreNotFound() {
        RtNetlink host = net.host;
        String bridge = net.hostLink("bnt");
        String renamed = net.hostLink("rnt");
        host.addBridge(bridge, 1500);
        host.setMtu(bridge, 1400);
        host.setMac(bridge, "02:42:0a:c9:00:99");
        host.setUp(bridge);
        Link l = host.link(bridge).orElseThrow();
        assertEquals(1400, l.mtu());
        assertEquals("02:42:0a:c9:00:99", l.mac());
        assertTrue(l.up());
        host.setDown(bridge);
        assertFalse(host.link(bridge).orElseThrow().up());
        host.rename(bridge, renamed);
        assertEquals(-1, host.linkIndex(bridge));
        assertEquals(l.index(), host.linkIndex(renamed));
        assertTrue(host.deleteLink(renamed));
        assertFalse(host.deleteLink(renamed));
        BerthException e = assertThrows(BerthException.class, () -> host.setUp(renamed));
        assertEquals(BerthException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("set link " + renamed + " up: "), e.getMessage());
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> host.setMaster(renamed, "nobr" + net.suffix)).kind());
        assertEquals(BerthException.Kind.NOT_FOUND,
                assertThrows(BerthException.class, () -> host.addresses(renamed)).kind());
    }
}
