package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** One received netlink message: header fields and the payload after the 16-byte header. Pure. */
public record NlFrame(int type, int flags, int seq, int pid, MemorySegment payload) {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    /** Splits one datagram into its messages (a dump packs several into each datagram). */
    public static List<NlFrame> split(MemorySegment datagram) {
        List<NlFrame> out = new ArrayList<>();
        long off = 0;
        long size = datagram.byteSize();
        while (off + NLMSG_HDRLEN <= size) {
            int len = datagram.get(U32, off);
            if (len < NLMSG_HDRLEN || off + len > size) {
                throw new IllegalArgumentException("malformed netlink message at offset " + off + " (len " + len + ")");
            }
            out.add(new NlFrame(
                    Short.toUnsignedInt(datagram.get(U16, off + 4)),
                    Short.toUnsignedInt(datagram.get(U16, off + 6)),
                    datagram.get(U32, off + 8),
                    datagram.get(U32, off + 12),
                    datagram.asSlice(off + NLMSG_HDRLEN, len - NLMSG_HDRLEN)));
            off += align(len);
        }
        return out;
    }

    /** For NLMSG_ERROR: the negated errno (0 is an ACK). */
    public int errorCode() {
        return payload.get(U32, 0);
    }

    /** For NLMSG_ERROR with extended ack: the kernel's explanation, or null. */
    public String extAckMessage() {
        if ((flags & NLM_F_ACK_TLVS) == 0) return null;
        long echoed = (flags & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : align(payload.get(U32, 4));
        long at = 4 + echoed;
        if (at >= payload.byteSize()) return null;
        return NlAttributes.parse(payload.asSlice(at)).string(NLMSGERR_ATTR_MSG);
    }

    /** The payload after a family header of {@code headerLen} bytes: where attributes start. */
    public NlAttributes attributes(int headerLen) {
        return NlAttributes.parse(payload.asSlice(Math.min(align(headerLen), payload.byteSize())));
    }
}
