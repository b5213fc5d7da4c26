package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The attributes (rtattr/nlattr) of one message or nested attribute, by type; the nested and
 * byte-order flags are masked off the type. A later attribute of the same type wins. Pure.
 */
public final class NlAttributes {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private final Map<Integer, MemorySegment> byType;

    private NlAttributes(Map<Integer, MemorySegment> byType) {
        this.byType = byType;
    }

    /** Parses the attributes in {@code region}, which starts at the first attribute header. */
    public static NlAttributes parse(MemorySegment region) {
        Map<Integer, MemorySegment> map = new HashMap<>();
        long off = 0;
        long size = region.byteSize();
        while (off + NLA_HDRLEN <= size) {
            int len = Short.toUnsignedInt(region.get(U16, off));
            int type = Short.toUnsignedInt(region.get(U16, off + 2)) & NLA_TYPE_MASK;
            if (len < NLA_HDRLEN || off + len > size) {
                throw new IllegalArgumentException("malformed netlink attribute at offset " + off + " (len " + len + ")");
            }
            map.put(type, region.asSlice(off + NLA_HDRLEN, len - NLA_HDRLEN));
            off += align(len);
        }
        return new NlAttributes(map);
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    /** The payload, or null if absent. */
    public MemorySegment payload(int type) {
        return byType.get(type);
    }

    public byte[] bytes(int type) {
        MemorySegment p = byType.get(type);
        return p == null ? null : p.toArray(ValueLayout.JAVA_BYTE);
    }

    /** A string attribute without its trailing NUL, or null. */
    public String string(int type) {
        byte[] b = bytes(type);
        if (b == null) return null;
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) n--;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public int u32(int type, int absent) {
        MemorySegment p = byType.get(type);
        return p == null || p.byteSize() < 4 ? absent : p.get(U32, 0);
    }

    /** The attributes nested in {@code type}; empty if absent. */
    public NlAttributes nested(int type) {
        MemorySegment p = byType.get(type);
        return p == null ? new NlAttributes(Map.of()) : parse(p);
    }
}
