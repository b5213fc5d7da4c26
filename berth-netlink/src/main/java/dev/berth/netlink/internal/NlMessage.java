package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink request in host byte order: the 16-byte nlmsghdr, a family header
 * (ifinfomsg, ifaddrmsg or rtmsg) and 4-byte aligned attributes, possibly nested. Pure: no socket.
 */
public final class NlMessage {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private byte[] buf = new byte[256];
    private MemorySegment seg = MemorySegment.ofArray(buf);
    private int len;

    public NlMessage(int type, int flags) {
        reserve(NLMSG_HDRLEN);
        seg.set(U16, 4, (short) type);
        seg.set(U16, 6, (short) flags);
    }

    /** struct nfgenmsg: the header of nfnetlink (conntrack) messages. */
    public NlMessage nfgenmsg(int family) {
        int at = reserve(4);
        seg.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        return this;
    }

    public NlMessage ifinfomsg(int family, int index, int flags, int change) {
        int at = reserve(IFINFOMSG_LEN);
        seg.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        seg.set(U32, at + 4, index);
        seg.set(U32, at + 8, flags);
        seg.set(U32, at + 12, change);
        return this;
    }

    public NlMessage ifaddrmsg(int family, int prefixLen, int scope, int index) {
        int at = reserve(IFADDRMSG_LEN);
        seg.set(ValueLayout.JAVA_BYTE, at, (byte) family);
        seg.set(ValueLayout.JAVA_BYTE, at + 1, (byte) prefixLen);
        seg.set(ValueLayout.JAVA_BYTE, at + 3, (byte) scope);
        seg.set(U32, at + 4, index);
        return this;
    }

    public NlMessage rtmsg(int family, int dstLen, int table, int protocol, int scope, int type) {
        int at = reserve(RTMSG_LEN);
        byte[] fields = {(byte) family, (byte) dstLen, 0, 0, (byte) table, (byte) protocol, (byte) scope, (byte) type};
        MemorySegment.copy(fields, 0, seg, ValueLayout.JAVA_BYTE, at, fields.length);
        return this;
    }

    public NlMessage attr(int type, byte[] value) {
        int at = reserve(align(NLA_HDRLEN + value.length));
        seg.set(U16, at, (short) (NLA_HDRLEN + value.length));
        seg.set(U16, at + 2, (short) type);
        MemorySegment.copy(value, 0, seg, ValueLayout.JAVA_BYTE, at + NLA_HDRLEN, value.length);
        return this;
    }

    public NlMessage attrU32(int type, int value) {
        byte[] v = new byte[4];
        MemorySegment.ofArray(v).set(U32, 0, value);
        return attr(type, v);
    }

    /** A NUL-terminated string attribute, as the kernel expects for names and kinds. */
    public NlMessage attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    /** Opens a nested attribute; pass the returned offset to {@link #endNested}. */
    public int beginNested(int type) {
        int at = reserve(NLA_HDRLEN);
        seg.set(U16, at + 2, (short) type);
        return at;
    }

    public NlMessage endNested(int start) {
        seg.set(U16, start, (short) (len - start));
        return this;
    }

    public int length() {
        return len;
    }

    /** Fixes length and sequence number; the message is then ready to send. */
    public byte[] finish(int seq) {
        seg.set(U32, 0, len);
        seg.set(U32, 8, seq);
        return Arrays.copyOf(buf, len);
    }

    private int reserve(int n) {
        int at = len;
        if (at + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
            seg = MemorySegment.ofArray(buf);
        }
        len += n;
        return at;
    }
}
