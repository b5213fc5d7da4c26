package dev.berth.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** A small upstream DNS server on 127.0.0.1 (UDP and TCP on the same ephemeral port) for tests. */
final class FakeUpstream implements AutoCloseable {

    enum Mode { ANSWER, SILENT, SERVFAIL, TRUNCATE_UDP }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Mode mode;
    private final int answerCount;
    private final long delayMillis;
    final AtomicInteger udpQueries = new AtomicInteger();
    final AtomicInteger tcpQueries = new AtomicInteger();
    final List<Integer> seenIds = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    FakeUpstream(Mode mode) throws IOException {
        this(mode, 1, 0);
    }

    FakeUpstream(Mode mode, int answerCount, long delayMillis) throws IOException {
        this.mode = mode;
        this.answerCount = answerCount;
        this.delayMillis = delayMillis;
        this.udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
        threads.add(Thread.ofPlatform().daemon().name("fake-upstream-udp").start(this::serveUdp));
        threads.add(Thread.ofPlatform().daemon().name("fake-upstream-tcp").start(this::serveTcp));
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    /** The address every answered name resolves to: 198.51.100.N (TEST-NET-2). */
    static InetAddress answerAddress(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) n});
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
                seenIds.add(query.getHeader().getID());
                if (mode == Mode.SILENT) {
                    continue;
                }
                sleep();
                Message answer = answer(query);
                byte[] wire = mode == Mode.TRUNCATE_UDP ? truncated(query) : answer.toWire();
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a message the fake cannot parse
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket socket = tcp.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] raw = in.readNBytes(in.readUnsignedShort());
                tcpQueries.incrementAndGet();
                if (mode == Mode.SILENT) {
                    continue;
                }
                Message query = new Message(raw);
                seenIds.add(query.getHeader().getID());
                socket.getOutputStream().write(Wire.framed(answer(query).toWire()));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void sleep() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Message answer(Message query) {
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.RA);
        answer.addRecord(query.getQuestion(), Section.QUESTION);
        if (mode == Mode.SERVFAIL) {
            answer.getHeader().setRcode(Rcode.SERVFAIL);
            return answer;
        }
        for (int i = 1; i <= answerCount; i++) {
            answer.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 30, answerAddress(i)), Section.ANSWER);
        }
        return answer;
    }

    private static byte[] truncated(Message query) {
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.TC);
        answer.addRecord(query.getQuestion(), Section.QUESTION);
        return answer.toWire();
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
