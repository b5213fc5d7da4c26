package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.netlink.Netns;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Bridge networking through the real docker CLI against berthd: the default bridge, user networks
 * with DNS and isolation, published ports (from the host's loopback, from another netns, hairpin),
 * --internal, container: sharing, IPAM errors, and nothing left behind after many cycles. Traffic
 * goes only to loopback and to namespaces this test made.
 */
class NetworksIT {
    static TestDaemon d;
    static DockerCli docker;
    static ClientNetns client;

    @BeforeAll
    static void start() throws Exception {
        d = new TestDaemon();
        docker = d.docker();
        client = new ClientNetns(d.dir.resolve("cns"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (client != null) client.close();
        } finally {
            d.close();
        }
    }

    @AfterEach
    void clean() throws Exception {
        for (String id : docker.run("ps", "-aq").out().split("\\s+")) if (!id.isBlank()) docker.run("rm", "-f", id);
        docker.run("network", "prune", "-f");
    }

    private static String ok(String... args) throws Exception {
        DockerCli.Result r = docker.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err() + r.out());
        return r.out();
    }

    private static String subnet() {
        return "10.241." + ThreadLocalRandom.current().nextInt(0, 255) + ".0/24";
    }

    private static String gatewayOfDefault() throws Exception {
        return ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
    }

    @Test
    void defaultBridgeGivesAnAddressHostsEntryAndRoute() throws Exception {
        String gw = gatewayOfDefault();
        String out = ok("run", "--rm", "--hostname", "box", "--add-host", "gw.test:host-gateway", "busybox", "sh", "-c", "ip -4 -o addr show eth0; ip route; cat /etc/hosts; cat /sys/class/net/eth0/address; ping -c1 -W2 " + gw);
        assertTrue(out.contains("default via " + gw + " dev eth0"), out);
        String ip = out.replaceAll("(?s).*inet (\\S+)/\\d+.*", "$1");
        assertTrue(out.contains(ip + "\tbox"), out);
        assertTrue(out.contains(gw + "\tgw.test"), out);
        // --mac-address (docker 28 sends it per network only from API 1.44: use the 20.10 client).
        DockerCli old = d.docker("/usr/bin/docker");
        DockerCli.Result mac = old.run("run", "--rm", "--mac-address", "02:42:0a:f0:aa:bb", "busybox", "cat", "/sys/class/net/eth0/address");
        assertEquals("02:42:0a:f0:aa:bb", mac.out().strip(), mac.err());
        assertTrue(out.contains("1 packets received"), out);
        // The default bridge has no embedded DNS: the host's resolvers (or, if only loopback ones, 127.0.0.11).
        String resolv = ok("run", "--rm", "--dns", "10.250.0.53", "busybox", "cat", "/etc/resolv.conf");
        assertTrue(resolv.contains("nameserver 10.250.0.53"), resolv);
        String none = ok("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
        assertEquals(1, none.strip().split("\n").length, none);
        String host = ok("run", "--rm", "--network", "host", "busybox", "hostname");
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), host.strip());
    }

    @Test
    void userNetworkResolvesNamesAndAliasesAndIsolatesOtherNetworks() throws Exception {
        ok("network", "create", "--subnet", subnet(), "front");
        ok("network", "create", "back");
        ok("run", "-d", "--name", "api", "--network", "front", "--network-alias", "service", "busybox", "sleep", "300");
        ok("run", "-d", "--name", "db", "--network", "back", "busybox", "sleep", "300");
        String dbIp = ok("inspect", "-f", "{{.NetworkSettings.Networks.back.IPAddress}}", "db").strip();
        String apiIp = ok("inspect", "-f", "{{.NetworkSettings.Networks.front.IPAddress}}", "api").strip();
        String out = ok("run", "--rm", "--network", "front", "busybox", "sh", "-c",
                "cat /etc/resolv.conf; nslookup api; nslookup service; ping -c1 -W2 api; ping -c1 -W1 " + dbIp + " || echo ISOLATED");
        assertTrue(out.contains("nameserver 127.0.0.11"), out);
        assertTrue(out.matches("(?s).*Name:\\s+api\\s+Address: " + apiIp.replace(".", "\\.") + ".*"), out);
        assertTrue(out.matches("(?s).*Name:\\s+service\\s+Address: " + apiIp.replace(".", "\\.") + ".*"), out);
        assertTrue(out.contains("1 packets received"), out);
        assertTrue(out.contains("ISOLATED"), out);
        // --link on a user network: an alias only the linking container resolves.
        String linked = ok("run", "--rm", "--network", "front", "--link", "api:backend", "busybox", "nslookup", "backend");
        assertTrue(linked.matches("(?s).*Name:\\s+backend\\s+Address: " + apiIp.replace(".", "\\.") + ".*"), linked);
        DockerCli.Result unlinked = docker.run("run", "--rm", "--network", "front", "busybox", "nslookup", "backend");
        assertFalse(unlinked.out().contains(apiIp), "the link alias is the linking container's only: " + unlinked.out());
        // The default bridge is isolated from user networks too, and has no names.
        String def = ok("run", "--rm", "busybox", "sh", "-c", "ping -c1 -W1 " + apiIp + " || echo ISOLATED; nslookup api 2>&1 | tail -1");
        assertTrue(def.contains("ISOLATED"), def);
        // connect: api joins back and reaches db by name; disconnect takes it away again.
        ok("network", "connect", "--alias", "apiback", "back", "api");
        String joined = ok("exec", "api", "sh", "-c", "ip -o -4 addr show eth1; ping -c1 -W2 db");
        assertTrue(joined.contains("1 packets received"), joined);
        String seen = ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{end}}", "back");
        assertTrue(seen.contains("api") && seen.contains("db"), seen);
        assertTrue(ok("exec", "db", "nslookup", "apiback").contains("Address: "), "alias given at connect");
        ok("network", "disconnect", "back", "api");
        String after = ok("exec", "api", "sh", "-c", "ip -o link | grep -c eth1 || true; ping -c1 -W1 " + dbIp + " || echo ISOLATED");
        assertTrue(after.contains("ISOLATED"), after);
        DockerCli.Result inUse = docker.run("network", "rm", "front");
        assertNotEquals(0, inUse.exit());
        assertTrue(inUse.err().contains("has active endpoints"), inUse.err());
        DockerCli.Result predefined = docker.run("network", "rm", "bridge");
        assertTrue(predefined.err().contains("bridge is a pre-defined network and cannot be removed"), predefined.err());
    }

    @Test
    void dnsForwardsOtherNamesToTheContainersResolver() throws Exception {
        // A resolver in the test's client netns that answers every A query with 10.250.99.99.
        DatagramChannel ch = Netns.call(client.file, () -> {
            DatagramChannel c = DatagramChannel.open(java.net.StandardProtocolFamily.INET);
            c.bind(new InetSocketAddress(InetAddress.getByName(client.ip), 53));
            return c;
        });
        Thread resolver = Thread.ofVirtual().start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(1500);
            try {
                while (true) {
                    buf.clear();
                    var from = ch.receive(buf);
                    buf.flip();
                    byte[] q = new byte[buf.remaining()];
                    buf.get(q);
                    Message m = new Message(q);
                    Message a = new Message(m.getHeader().getID());
                    a.getHeader().setFlag(Flags.QR);
                    a.getHeader().setRcode(Rcode.NOERROR);
                    a.addRecord(m.getQuestion(), Section.QUESTION);
                    a.addRecord(new ARecord(m.getQuestion().getName(), 1, 60, InetAddress.getByName("10.250.99.99")), Section.ANSWER);
                    ch.send(ByteBuffer.wrap(a.toWire()), from);
                }
            } catch (Exception closed) {
                // channel closed: done
            }
        });
        try {
            ok("network", "create", "dnsnet");
            String out = ok("run", "--rm", "--network", "dnsnet", "--dns", client.ip, "busybox", "nslookup", "outside.example");
            assertTrue(out.contains("10.250.99.99"), out);
        } finally {
            ch.close();
            resolver.join(2000);
        }
    }

    @Test
    void publishedPortsFromLoopbackOtherNetnsAndHairpin() throws Exception {
        int hp;
        try (ServerSocket s = new ServerSocket(0)) {
            hp = s.getLocalPort();
        }
        ok("run", "-d", "--name", "web", "-p", hp + ":80", "--expose", "81", "-P", "busybox", "sh", "-c",
                "echo hello > /tmp/index.html; httpd -f -p 80 -h /tmp");
        assertTrue(ok("port", "web", "80").contains("0.0.0.0:" + hp), "docker port web 80");
        String ports = ok("port", "web");
        assertTrue(ports.contains("81/tcp -> 0.0.0.0:"), ports);
        assertTrue(ok("ps", "--format", "{{.Ports}}").contains("0.0.0.0:" + hp + "->80/tcp"));
        assertEquals("hello", get("http://127.0.0.1:" + hp + "/index.html").strip());
        DockerCli.Result fromNetns = client.sh("busybox wget -q -O- http://" + client.hostIp + ":" + hp + "/index.html");
        assertEquals("hello", fromNetns.out().strip(), fromNetns.err());
        String hairpin = ok("exec", "web", "wget", "-q", "-O-", "http://" + gatewayOfDefault() + ":" + hp + "/index.html");
        assertEquals("hello", hairpin.strip());
        DockerCli.Result busy = docker.run("run", "-d", "-p", hp + ":80", "busybox", "sleep", "30");
        assertNotEquals(0, busy.exit());
        assertTrue(busy.err().contains("port is already allocated"), busy.err());
    }

    @Test
    void publishedUdpPort() throws Exception {
        int hp;
        try (DatagramSocket s = new DatagramSocket(0)) {
            hp = s.getLocalPort();
        }
        // busybox has no UDP server: the test listens inside the container's netns (its SandboxKey) itself.
        ok("run", "-d", "--name", "udp", "-p", hp + ":9999/udp", "busybox", "sleep", "60");
        Path key = Path.of(ok("inspect", "-f", "{{.NetworkSettings.SandboxKey}}", "udp").strip());
        try (DatagramChannel in = Netns.call(key, () -> DatagramChannel.open(java.net.StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(9999)));
             DatagramSocket s = new DatagramSocket()) {
            in.configureBlocking(false);
            byte[] b = "ping-udp".getBytes(StandardCharsets.UTF_8);
            ByteBuffer got = ByteBuffer.allocate(64);
            for (int i = 0; i < 20 && got.position() == 0; i++) {
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), hp));
                Thread.sleep(100);
                in.receive(got);
            }
            assertEquals("ping-udp", new String(got.array(), 0, got.position(), StandardCharsets.UTF_8));

            // The port changes hands (the new owner at another address) while the client keeps its socket:
            // its conntrack entry must not keep sending it to the old address.
            ok("rm", "-f", "udp");
            ok("run", "-d", "--name", "filler", "busybox", "sleep", "60");
            ok("run", "-d", "--name", "udp2", "-p", hp + ":9999/udp", "busybox", "sleep", "60");
            Path key2 = Path.of(ok("inspect", "-f", "{{.NetworkSettings.SandboxKey}}", "udp2").strip());
            try (DatagramChannel in2 = Netns.call(key2, () -> DatagramChannel.open(java.net.StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(9999)))) {
                in2.configureBlocking(false);
                ByteBuffer got2 = ByteBuffer.allocate(64);
                for (int i = 0; i < 20 && got2.position() == 0; i++) {
                    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), hp));
                    Thread.sleep(100);
                    in2.receive(got2);
                }
                assertEquals("ping-udp", new String(got2.array(), 0, got2.position(), StandardCharsets.UTF_8), "the new owner gets the flow");
            }
        }
    }

    @Test
    void internalNetworkHasNoWayOutButNormalOnesAreNatted() throws Exception {
        ok("network", "create", "--internal", "sealed");
        String out = ok("run", "--rm", "--network", "sealed", "busybox", "sh", "-c", "ping -c1 -W1 " + client.ip + " || echo NOWAYOUT");
        assertTrue(out.contains("NOWAYOUT"), out);
        String nat = ok("run", "--rm", "busybox", "ping", "-c1", "-W2", client.ip);
        assertTrue(nat.contains("1 packets received"), nat);
    }

    @Test
    void containerModeSharesTheNetworkStack() throws Exception {
        ok("run", "-d", "--name", "base", "busybox", "sh", "-c", "echo shared > /tmp/i; httpd -f -p 8080 -h /tmp");
        String ip = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "base").strip();
        String out = ok("run", "--rm", "--network", "container:base", "busybox", "sh", "-c",
                "ip -4 -o addr show eth0; wget -q -O- http://127.0.0.1:8080/i");
        assertTrue(out.contains(ip + "/"), out);
        assertTrue(out.contains("shared"), out);
    }

    @Test
    void ipamErrorsAreDockers() throws Exception {
        String small = "10.242." + ThreadLocalRandom.current().nextInt(0, 255) + ".0/29";
        ok("network", "create", "--subnet", small, "tiny");
        for (int i = 0; i < 5; i++) ok("run", "-d", "--network", "tiny", "busybox", "sleep", "300");
        DockerCli.Result full = docker.run("run", "-d", "--network", "tiny", "busybox", "sleep", "300");
        assertNotEquals(0, full.exit());
        assertTrue(full.err().contains("no available IPv4 addresses on this network's address pools: tiny"), full.err());
        DockerCli.Result overlap = docker.run("network", "create", "--subnet", small, "tiny2");
        assertTrue(overlap.err().contains("Pool overlaps with other one on this address space"), overlap.err());
        String sub = subnet();
        ok("network", "create", "--subnet", sub, "fixed");
        String wanted = sub.replace(".0/24", ".77");
        ok("run", "-d", "--network", "fixed", "--ip", wanted, "busybox", "sleep", "300");
        DockerCli.Result busy = docker.run("run", "-d", "--network", "fixed", "--ip", wanted, "busybox", "sleep", "300");
        assertTrue(busy.err().contains("Address already in use"), busy.err());
        DockerCli.Result onDefault = docker.run("run", "--rm", "--ip", "10.9.9.9", "busybox", "true");
        assertTrue(onDefault.err().contains("user specified IP address is supported on user defined networks only"), onDefault.err());
        DockerCli.Result missing = docker.run("run", "--rm", "--network", "nosuchnet", "busybox", "true");
        assertTrue(missing.err().contains("network nosuchnet not found"), missing.err());
    }

    @Test
    void portsAndNetworksInTheirEdgeCases() throws Exception {
        // An IPv6 host address is refused clearly, and the host port is not left reserved.
        int port = 20000 + ThreadLocalRandom.current().nextInt(20000);
        DockerCli.Result v6 = docker.run("run", "--rm", "-p", "[::]:" + port + ":80", "busybox", "true");
        assertEquals(125, v6.exit(), v6.err());
        assertTrue(v6.err().contains("cannot publish on host address ::"), v6.err());
        ok("run", "--rm", "-p", port + ":80", "busybox", "true");

        // A network created after the container: inspect works both ways once it started.
        ok("create", "--name", "late", "--network", "latenet", "busybox", "sleep", "300");
        ok("network", "create", "latenet");
        ok("start", "late");
        assertTrue(ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "latenet").contains("late"));
        assertTrue(ok("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", "late").contains("latenet"));

        // Disconnecting the network a port was published on takes the forward away.
        int p2 = port + 1;
        ok("run", "-d", "--name", "pub", "-p", p2 + ":80", "busybox", "sh", "-c", "echo x > /tmp/i; httpd -f -p 80 -h /tmp");
        ok("network", "connect", "latenet", "pub");
        String table = "";
        for (int i = 0; i < 30 && !table.contains("dport " + p2 + " dnat"); i++) {
            Thread.sleep(100);
            table = new String(new ProcessBuilder("nft", "list", "chain", "ip", d.network.table(), "publish").start().getInputStream().readAllBytes());
        }
        assertTrue(table.contains("dport " + p2 + " dnat"), table);
        ok("network", "disconnect", "bridge", "pub");
        table = new String(new ProcessBuilder("nft", "list", "chain", "ip", d.network.table(), "publish").start().getInputStream().readAllBytes());
        assertFalse(table.contains("dport " + p2 + " "), "forward to a released address: " + table);

        // A bridge that existed before the network is used, and left in place by network rm.
        String own = "bnad" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        assertEquals(0, new ProcessBuilder("ip", "link", "add", own, "type", "bridge").start().waitFor());
        try {
            ok("network", "create", "--subnet", subnet(), "-o", "com.docker.network.bridge.name=" + own, "adopt");
            ok("network", "rm", "adopt");
            assertTrue(Files.exists(Path.of("/sys/class/net", own)), "berthd deleted a bridge it did not create");
        } finally {
            new ProcessBuilder("ip", "link", "del", own).start().waitFor();
        }

        // Disconnected from everything while stopped: it starts with loopback only.
        ok("stop", "-t", "1", "late");
        ok("network", "disconnect", "latenet", "late");
        ok("start", "late");
        String links = ok("exec", "late", "ip", "-o", "link");
        assertFalse(links.contains("eth0"), links);
    }

    @Test
    void containersStartedTogetherKeepEveryForward() throws Exception {
        int base = 20000 + ThreadLocalRandom.current().nextInt(20000);
        java.util.List<Thread> starters = new java.util.ArrayList<>();
        java.util.List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 8; i++) {
            int port = base + i;
            starters.add(Thread.ofPlatform().start(() -> {
                try {
                    DockerCli.Result r = docker.run("run", "-d", "-p", port + ":80", "busybox", "sleep", "300");
                    if (r.exit() != 0) failures.add(port + ": " + r.err());
                } catch (Exception e) {
                    failures.add(port + ": " + e);
                }
            }));
        }
        for (Thread t : starters) t.join();
        assertEquals(java.util.List.of(), failures);
        String chain = new String(new ProcessBuilder("nft", "list", "chain", "ip", d.network.table(), "publish").start().getInputStream().readAllBytes());
        for (int i = 0; i < 8; i++) assertTrue(chain.contains("dport " + (base + i) + " dnat"), "forward " + (base + i) + " lost: " + chain);
    }

    @Test
    void hundredCyclesWithPublishedPortsLeaveNothing() throws Exception {
        String bridge = d.network.bridge();
        long vethsBefore = veths();
        for (int i = 0; i < 100; i++) ok("run", "--rm", "-p", "80", "busybox", "true");
        for (int i = 0; i < 50 && veths() != vethsBefore; i++) Thread.sleep(100); // removed in the background
        assertEquals(vethsBefore, veths(), "veths left on " + bridge);
        try (Stream<Path> s = Files.list(d.dir.resolve("exec/netns"))) {
            assertEquals(0, s.count(), "netns files left");
        }
        String table = "";
        for (int i = 0; i < 30; i++) { // the last removal's rules go in the background
            table = new String(new ProcessBuilder("nft", "list", "table", "ip", d.network.table()).start().getInputStream().readAllBytes());
            if (!table.contains("dnat to")) break;
            Thread.sleep(100);
        }
        assertFalse(table.contains("dnat to"), table);
        assertEquals("{}", ok("network", "inspect", "-f", "{{json .Containers}}", "bridge").strip());
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo")))
            assertFalse(line.contains(d.dir.resolve("exec/netns").toString()), line);
    }

    /** Ports of this daemon's bridge only: other tests on the host may add and remove veths meanwhile. */
    private long veths() throws Exception {
        Path brif = Path.of("/sys/class/net", d.network.bridge(), "brif");
        if (!Files.isDirectory(brif)) return 0;
        try (Stream<Path> s = Files.list(brif)) {
            return s.count();
        }
    }

    private static String get(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(3000);
        c.setReadTimeout(3000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
