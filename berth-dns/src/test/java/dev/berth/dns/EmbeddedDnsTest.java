package dev.berth.dns;

import static dev.berth.dns.DnsClient.query;
import static dev.berth.dns.MapLookup.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class EmbeddedDnsTest {

    private static final int CLIENT_TIMEOUT = 3000;

    private final MapLookup names = new MapLookup().add("db", "172.18.0.3").add("web", "172.18.0.4", "fd00::4");
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private InetSocketAddress server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private EmbeddedDns start(Supplier<List<InetSocketAddress>> upstreams, Duration timeout, int maxForwards)
            throws IOException {
        DatagramChannel udp = DatagramChannel.open();
        cleanup.add(udp);
        udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = (InetSocketAddress) udp.getLocalAddress();
        ServerSocketChannel tcp = ServerSocketChannel.open();
        cleanup.add(tcp);
        tcp.bind(server);
        EmbeddedDns dns = EmbeddedDns.serve(udp, tcp, names, upstreams, timeout, maxForwards);
        cleanup.add(dns);
        return dns;
    }

    private EmbeddedDns start(FakeUpstream... upstreams) throws IOException {
        List<InetSocketAddress> list = new ArrayList<>();
        for (FakeUpstream u : upstreams) {
            list.add(u.address());
        }
        return start(() -> list, Duration.ofSeconds(2), 100);
    }

    private FakeUpstream upstream(FakeUpstream.Mode mode) throws IOException {
        return upstream(mode, 1, 0);
    }

    private FakeUpstream upstream(FakeUpstream.Mode mode, int answers, long delayMillis) throws IOException {
        FakeUpstream u = new FakeUpstream(mode, answers, delayMillis);
        cleanup.add(u);
        return u;
    }

    @Test
    void answersContainerNamesOverUdp() throws Exception {
        start();
        Message a = DnsClient.udp(server, query("db.", Type.A), CLIENT_TIMEOUT);
        assertEquals(List.of(ip("172.18.0.3")), AnswersTest.addresses(a));
        assertEquals(600, a.getSection(Section.ANSWER).get(0).getTTL());

        Message aaaa = DnsClient.udp(server, query("db.", Type.AAAA), CLIENT_TIMEOUT);
        assertEquals(Rcode.NOERROR, aaaa.getRcode());
        assertTrue(aaaa.getSection(Section.ANSWER).isEmpty());

        Message web6 = DnsClient.udp(server, query("web.", Type.AAAA), CLIENT_TIMEOUT);
        assertEquals(List.of(ip("fd00::4")), AnswersTest.addresses(web6));

        Message ptr = DnsClient.udp(server, query("4.0.18.172.in-addr.arpa.", Type.PTR), CLIENT_TIMEOUT);
        assertEquals("web.", ((PTRRecord) ptr.getSection(Section.ANSWER).get(0)).getTarget().toString());
    }

    @Test
    void unknownNameIsForwardedAndTheAnswerKeepsTheClientsId() throws Exception {
        FakeUpstream up = upstream(FakeUpstream.Mode.ANSWER);
        start(up);
        Message q = query("example.com.", Type.A);
        q.getHeader().setID(0x1234);
        Message r = DnsClient.udp(server, q, CLIENT_TIMEOUT);
        assertEquals(0x1234, r.getHeader().getID());
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of(FakeUpstream.answerAddress(1)), AnswersTest.addresses(r));
        assertEquals("example.com.", r.getQuestion().getName().toString());
        assertEquals(1, up.udpQueries.get());
        assertEquals(0, up.tcpQueries.get());
    }

    @Test
    void nonAddressTypesOfKnownNamesAreForwarded() throws Exception {
        FakeUpstream up = upstream(FakeUpstream.Mode.ANSWER);
        start(up);
        Message r = DnsClient.udp(server, query("db.", Type.TXT), CLIENT_TIMEOUT);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(1, up.udpQueries.get());
    }

    @Test
    void upstreamsAreTriedInOrderSkippingServfailAndSilence() throws Exception {
        FakeUpstream failing = upstream(FakeUpstream.Mode.SERVFAIL);
        FakeUpstream silent = upstream(FakeUpstream.Mode.SILENT);
        FakeUpstream good = upstream(FakeUpstream.Mode.ANSWER);
        List<InetSocketAddress> list = List.of(failing.address(), silent.address(), good.address());
        start(() -> list, Duration.ofMillis(300), 100);
        Message r = DnsClient.udp(server, query("example.org.", Type.A), CLIENT_TIMEOUT);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of(FakeUpstream.answerAddress(1)), AnswersTest.addresses(r));
        assertEquals(1, failing.udpQueries.get());
        assertEquals(1, silent.udpQueries.get());
        assertEquals(1, good.udpQueries.get());
    }

    @Test
    void noReachableUpstreamGivesServfailWithinTheTimeout() throws Exception {
        InetSocketAddress closedPort;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = (InetSocketAddress) probe.getLocalAddress();
        }
        FakeUpstream silent = upstream(FakeUpstream.Mode.SILENT);
        start(() -> List.of(closedPort, silent.address()), Duration.ofMillis(500), 100);
        long t0 = System.nanoTime();
        Message r = DnsClient.udp(server, query("example.net.", Type.A), CLIENT_TIMEOUT);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Rcode.SERVFAIL, r.getRcode());
        assertEquals(1, silent.udpQueries.get());
        assertTrue(millis >= 450 && millis < 2000, "SERVFAIL after the silent server's 500 ms timeout, took " + millis);
    }

    @Test
    void noUpstreamsAtAllGivesServfail() throws Exception {
        start(List::of, Duration.ofMillis(500), 100);
        Message q = query("example.net.", Type.A);
        q.getHeader().setID(777);
        Message r = DnsClient.udp(server, q, CLIENT_TIMEOUT);
        assertEquals(Rcode.SERVFAIL, r.getRcode());
        assertEquals(777, r.getHeader().getID());
    }

    @Test
    void tcpQueriesAreAnsweredLocallyAndForwardedOverTcp() throws Exception {
        FakeUpstream up = upstream(FakeUpstream.Mode.ANSWER);
        start(up);
        Message local = DnsClient.tcp(server, query("db.", Type.A), CLIENT_TIMEOUT);
        assertEquals(List.of(ip("172.18.0.3")), AnswersTest.addresses(local));
        Message q = query("example.com.", Type.A);
        q.getHeader().setID(0x4321);
        Message forwarded = DnsClient.tcp(server, q, CLIENT_TIMEOUT);
        assertEquals(0x4321, forwarded.getHeader().getID());
        assertEquals(List.of(FakeUpstream.answerAddress(1)), AnswersTest.addresses(forwarded));
        assertEquals(1, up.tcpQueries.get());
        assertEquals(0, up.udpQueries.get());
    }

    @Test
    void oneTcpConnectionCarriesSeveralQueries() throws Exception {
        start();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(server, CLIENT_TIMEOUT);
            socket.setSoTimeout(CLIENT_TIMEOUT);
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            for (String name : List.of("db.", "web.")) {
                Message q = query(name, Type.A);
                socket.getOutputStream().write(Wire.framed(q.toWire()));
                Message r = new Message(in.readNBytes(in.readUnsignedShort()));
                assertEquals(q.getHeader().getID(), r.getHeader().getID());
                assertEquals(1, r.getSection(Section.ANSWER).size());
                assertEquals(name, r.getSection(Section.ANSWER).get(0).getName().toString());
            }
        }
    }

    @Test
    void refusesAnUnboundChannel() throws Exception {
        try (DatagramChannel unbound = DatagramChannel.open()) {
            dev.berth.common.BerthException e = assertThrows(dev.berth.common.BerthException.class,
                    () -> EmbeddedDns.serve(unbound, null, names, List::of));
            assertEquals(dev.berth.common.BerthException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains("not bound"), e.getMessage());
        }
    }

    @Test
    void truncatedUpstreamUdpAnswerIsRetriedOverTcp() throws Exception {
        FakeUpstream up = upstream(FakeUpstream.Mode.TRUNCATE_UDP, 3, 0);
        start(up);
        Message r = DnsClient.udp(server, DnsClient.withEdns(query("big.example.", Type.A), 4096), CLIENT_TIMEOUT);
        assertFalse(r.getHeader().getFlag(Flags.TC));
        assertEquals(3, AnswersTest.addresses(r).size());
        assertEquals(1, up.udpQueries.get());
        assertEquals(1, up.tcpQueries.get());
    }

    @Test
    void truncatedAnswerTooBigForTheClientIsRelayedTruncated() throws Exception {
        FakeUpstream up = upstream(FakeUpstream.Mode.TRUNCATE_UDP, 100, 0);
        start(up);
        Message r = DnsClient.udp(server, query("huge.example.", Type.A), CLIENT_TIMEOUT);
        assertTrue(r.getHeader().getFlag(Flags.TC), "client must retry over TCP itself");
        Message overTcp = DnsClient.tcp(server, query("huge.example.", Type.A), CLIENT_TIMEOUT);
        assertEquals(100, AnswersTest.addresses(overTcp).size());
    }

    @Test
    void malformedPacketsAreDroppedAndTheServerKeepsAnswering() throws Exception {
        start();
        assertThrows(SocketTimeoutException.class, () -> DnsClient.udpRaw(server, new byte[] {0, 1, 2}, 300));
        byte[] garbage = new byte[64];
        java.util.Arrays.fill(garbage, (byte) 0x7f);
        garbage[2] = 0;
        assertThrows(SocketTimeoutException.class, () -> DnsClient.udpRaw(server, garbage, 300));
        Message response = query("db.", Type.A);
        response.getHeader().setFlag(Flags.QR);
        assertThrows(SocketTimeoutException.class, () -> DnsClient.udpRaw(server, response.toWire(), 300));
        Message r = DnsClient.udp(server, query("db.", Type.A), CLIENT_TIMEOUT);
        assertEquals(List.of(ip("172.18.0.3")), AnswersTest.addresses(r));
    }

    @Test
    void aThrowingLookupDoesNotStopTheServer() throws Exception {
        names.forward.put("boom", List.of());
        NameLookup throwing = new NameLookup() {
            @Override
            public List<InetAddress> lookup(String name) {
                if (name.equals("boom")) {
                    throw new IllegalStateException("lookup bug");
                }
                return names.lookup(name);
            }

            @Override
            public String reverse(InetAddress addr) {
                return names.reverse(addr);
            }
        };
        DatagramChannel udp = DatagramChannel.open();
        cleanup.add(udp);
        udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        cleanup.add(EmbeddedDns.serve(udp, null, throwing, List::of));
        InetSocketAddress at = (InetSocketAddress) udp.getLocalAddress();
        assertEquals(Rcode.SERVFAIL, DnsClient.udp(at, query("boom.", Type.A), CLIENT_TIMEOUT).getRcode());
        assertEquals(List.of(ip("172.18.0.3")), AnswersTest.addresses(DnsClient.udp(at, query("db.", Type.A), CLIENT_TIMEOUT)));
    }

    @Test
    void forwardsRunConcurrently() throws Exception {
        // A fake answers one UDP query at a time, so spread the forwards over 20 fakes that each take 300 ms.
        List<InetSocketAddress> slowOnes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slowOnes.add(upstream(FakeUpstream.Mode.ANSWER, 1, 300).address());
        }
        int[] next = {0};
        EmbeddedDns dns = start(() -> List.of(slowOnes.get(Math.floorMod(next[0]++, 20))), Duration.ofSeconds(2), 100);
        long t0 = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Message>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Message q = query("n" + i + ".example.", Type.A);
                answers.add(clients.submit(() -> DnsClient.udp(server, q, CLIENT_TIMEOUT)));
            }
            for (Future<Message> f : answers) {
                assertEquals(Rcode.NOERROR, f.get().getRcode());
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 2000, "20 forwards of 300 ms each took " + millis + " ms: not concurrent");
        dns.close();
    }

    @Test
    void forwardsOverTheLimitGetServfailAtOnce() throws Exception {
        FakeUpstream silent = upstream(FakeUpstream.Mode.SILENT);
        start(() -> List.of(silent.address()), Duration.ofSeconds(3), 2);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        cleanup.add(clients::close);
        Future<Message> first = clients.submit(() -> DnsClient.udp(server, query("a.example.", Type.A), 5000));
        Future<Message> second = clients.submit(() -> DnsClient.udp(server, query("b.example.", Type.A), 5000));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (silent.udpQueries.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, silent.udpQueries.get());
        long t0 = System.nanoTime();
        Message third = DnsClient.udp(server, query("c.example.", Type.A), CLIENT_TIMEOUT);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Rcode.SERVFAIL, third.getRcode());
        assertTrue(millis < 1000, "over-limit SERVFAIL must not wait for a slot, took " + millis);
        assertEquals(2, silent.udpQueries.get(), "the third query was not forwarded");
        assertEquals(Rcode.SERVFAIL, first.get().getRcode());
        assertEquals(Rcode.SERVFAIL, second.get().getRcode());
    }

    @Test
    void closeStopsEveryThreadPromptlyAndReleasesThePorts() throws Exception {
        FakeUpstream silent = upstream(FakeUpstream.Mode.SILENT);
        EmbeddedDns dns = start(() -> List.of(silent.address()), Duration.ofSeconds(30), 100);
        // Busy state: a forward stuck on a silent upstream, an idle TCP connection.
        try (DatagramChannel client = DatagramChannel.open();
             java.net.Socket idle = new java.net.Socket()) {
            client.connect(server);
            client.write(java.nio.ByteBuffer.wrap(query("stuck.example.", Type.A).toWire()));
            idle.connect(server, CLIENT_TIMEOUT);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (silent.udpQueries.get() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, silent.udpQueries.get());
            assertFalse(dns.terminated());

            long t0 = System.nanoTime();
            dns.close();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(dns.terminated(), "threads still running after close");
            assertTrue(millis < 2000, "close took " + millis + " ms");
            assertEquals(-1, idle.getInputStream().read(), "idle TCP connection closed by the server");
        }
        try (DatagramChannel again = DatagramChannel.open(); ServerSocketChannel againTcp = ServerSocketChannel.open()) {
            again.bind(server);
            againTcp.bind(server);
        }
        dns.close(); // idempotent
        assertTrue(dns.terminated());
    }

    @Test
    void medianLocalAnswerLatency() throws Exception {
        start();
        byte[] buffer = new byte[512];
        long[] micros = new long[1000];
        try (java.net.DatagramSocket client = new java.net.DatagramSocket()) {
            client.connect(server);
            client.setSoTimeout(CLIENT_TIMEOUT);
            byte[] wire = query("db.", Type.A).toWire();
            for (int i = -200; i < micros.length; i++) { // 200 warm-up rounds
                long t0 = System.nanoTime();
                client.send(new java.net.DatagramPacket(wire, wire.length));
                java.net.DatagramPacket p = new java.net.DatagramPacket(buffer, buffer.length);
                client.receive(p);
                long t = (System.nanoTime() - t0) / 1000;
                assertTrue(p.getLength() > wire.length, "an answer, not an echo");
                if (i >= 0) {
                    micros[i] = t;
                }
            }
        }
        java.util.Arrays.sort(micros);
        long median = micros[micros.length / 2];
        System.out.printf("embedded DNS local A over UDP loopback: median %d us, p90 %d us, p99 %d us%n",
                median, micros[900], micros[990]);
        assertTrue(median < 5000, "median local answer " + median + " us");
    }
}
