package dev.berth.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A minimal stub resolver for tests: one query, one answer, over UDP or TCP. */
final class DnsClient {

    private DnsClient() {}

    static Message query(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Message withEdns(Message query, int payload) {
        query.addRecord(new OPTRecord(payload, 0, 0), Section.ADDITIONAL);
        return query;
    }

    static Message udp(InetSocketAddress server, Message query, int timeoutMillis) throws IOException {
        byte[] answer = udpRaw(server, query.toWire(), timeoutMillis);
        return new Message(answer);
    }

    static byte[] udpRaw(InetSocketAddress server, byte[] wire, int timeoutMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.connect(server);
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Arrays.copyOf(buffer, packet.getLength());
        }
    }

    static Message tcp(InetSocketAddress server, Message query, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(Wire.framed(query.toWire()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            return new Message(in.readNBytes(in.readUnsignedShort()));
        }
    }
}
