package dev.berth.dns;

import java.util.Arrays;

/** Header fields read and patched in place on raw DNS messages (RFC 1035 4.1.1), for relaying without re-encoding. */
final class Wire {

    private static final int HEADER = 12;

    private Wire() {}

    static boolean truncated(byte[] message) {
        return message.length >= HEADER && (message[2] & 0x02) != 0;
    }

    static int rcode(byte[] message) {
        return message[3] & 0x0f;
    }

    static int id(byte[] message) {
        return (message[0] & 0xff) << 8 | message[1] & 0xff;
    }

    static void setId(byte[] message, int id) {
        message[0] = (byte) (id >>> 8);
        message[1] = (byte) id;
    }

    static byte[] withId(byte[] message, int id) {
        byte[] copy = Arrays.copyOf(message, message.length);
        setId(copy, id);
        return copy;
    }

    /** Whether the first length bytes are a response (QR set) with the given ID. */
    static boolean answers(byte[] message, int length, int id) {
        return length >= HEADER && (message[2] & 0x80) != 0 && id(message) == id;
    }

    /** The message with the two-byte length prefix of DNS over TCP (RFC 1035 4.2.2). */
    static byte[] framed(byte[] message) {
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }
}
