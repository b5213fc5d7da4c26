package dev.berth.netlink;

import static dev.berth.netlink.internal.NlConstants.AF_INET;
import static dev.berth.netlink.internal.NlConstants.NLA_F_NESTED;
import static dev.berth.netlink.internal.NlConstants.NLMSG_DONE;
import static dev.berth.netlink.internal.NlConstants.NLMSG_ERROR;
import static dev.berth.netlink.internal.NlConstants.NLM_F_ACK;
import static dev.berth.netlink.internal.NlConstants.NLM_F_DUMP;
import static dev.berth.netlink.internal.NlConstants.NLM_F_REQUEST;

import dev.berth.common.BerthException;
import dev.berth.netlink.internal.NetlinkSocket;
import dev.berth.netlink.internal.NlAttributes;
import dev.berth.netlink.internal.NlFrame;
import dev.berth.netlink.internal.NlMessage;
import dev.berth.sys.Errno;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's connection tracking table over ctnetlink (NETLINK_NETFILTER), in the namespace of
 * the thread that opens it. Used as dockerd does: a UDP "connection" keeps its DNAT for as long as
 * packets flow, so when a published UDP port changes hands its old entries must go, or a client
 * that keeps sending stays pinned to the old container address.
 */
public final class Conntrack implements AutoCloseable {
    private static final int NETLINK_NETFILTER = 12;
    private static final int CTNETLINK = 1 << 8;
    private static final int MSG_NEW = CTNETLINK, MSG_GET = CTNETLINK | 1, MSG_DELETE = CTNETLINK | 2;
    private static final int CTA_TUPLE_ORIG = 1, CTA_TUPLE_IP = 1, CTA_TUPLE_PROTO = 2;
    private static final int CTA_IP_V4_SRC = 1, CTA_IP_V4_DST = 2;
    private static final int CTA_PROTO_NUM = 1, CTA_PROTO_SRC_PORT = 2, CTA_PROTO_DST_PORT = 3;
    private static final int IPPROTO_UDP = 17, NFGENMSG_LEN = 4, ENOENT = 2;

    /** An entry's original direction. */
    public record Flow(int proto, InetAddress src, int srcPort, InetAddress dst, int dstPort) {}

    private record Entry(Flow flow, byte[] rawTuple) {}

    private final NetlinkSocket socket;

    private Conntrack(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static Conntrack open() {
        try {
            return new Conntrack(NetlinkSocket.open(NETLINK_NETFILTER));
        } catch (Errno e) {
            throw BerthException.internal("open a conntrack netlink socket: " + e.getMessage(), e);
        }
    }

    /** The IPv4 entries, original direction. */
    public List<Flow> flows() {
        return entries().stream().map(Entry::flow).toList();
    }

    /** Deletes the IPv4 UDP entries whose original destination port is {@code port}; returns how many went. */
    public int deleteUdpTo(int port) {
        return deleteUdpTo(java.util.Set.of(port));
    }

    /** The same for several ports, with one walk of the table. */
    public int deleteUdpTo(java.util.Set<Integer> ports) {
        if (ports.isEmpty()) return 0;
        int n = 0;
        for (Entry e : entries()) {
            if (e.flow().proto() != IPPROTO_UDP || !ports.contains(e.flow().dstPort())) continue;
            NlMessage m = new NlMessage(MSG_DELETE, NLM_F_REQUEST | NLM_F_ACK).nfgenmsg(AF_INET)
                    .attr(CTA_TUPLE_ORIG | NLA_F_NESTED, e.rawTuple());
            int code = code(exchange(m, "delete conntrack entry"));
            if (code == 0) n++;
            else if (-code != ENOENT) throw BerthException.internal("delete conntrack entry " + e.flow() + ": errno " + -code, null);
        }
        return n;
    }

    private List<Entry> entries() {
        List<NlFrame> frames = exchange(new NlMessage(MSG_GET, NLM_F_REQUEST | NLM_F_DUMP).nfgenmsg(AF_INET), "dump conntrack");
        int code = code(frames);
        if (code < 0) throw BerthException.internal("dump conntrack: errno " + -code, null);
        List<Entry> out = new ArrayList<>();
        for (NlFrame f : frames) {
            if (f.type() != MSG_NEW) continue;
            NlAttributes attrs = f.attributes(NFGENMSG_LEN);
            byte[] raw = attrs.bytes(CTA_TUPLE_ORIG);
            if (raw == null) continue;
            NlAttributes tuple = attrs.nested(CTA_TUPLE_ORIG);
            NlAttributes ip = tuple.nested(CTA_TUPLE_IP);
            NlAttributes proto = tuple.nested(CTA_TUPLE_PROTO);
            byte[] src = ip.bytes(CTA_IP_V4_SRC), dst = ip.bytes(CTA_IP_V4_DST), num = proto.bytes(CTA_PROTO_NUM);
            if (src == null || dst == null || num == null) continue;
            out.add(new Entry(new Flow(Byte.toUnsignedInt(num[0]), inet(src), port(proto.payload(CTA_PROTO_SRC_PORT)),
                    inet(dst), port(proto.payload(CTA_PROTO_DST_PORT))), raw));
        }
        return out;
    }

    private synchronized List<NlFrame> exchange(NlMessage m, String op) {
        try {
            return socket.receive(socket.send(m));
        } catch (Errno e) {
            throw BerthException.internal(op + ": " + e.getMessage(), e);
        }
    }

    /** The status the last frame carries (0 for a plain NLMSG_DONE). */
    private static int code(List<NlFrame> frames) {
        NlFrame last = frames.getLast();
        boolean carries = last.type() == NLMSG_ERROR || (last.type() == NLMSG_DONE && last.payload().byteSize() >= 4);
        return carries ? last.errorCode() : 0;
    }

    private static int port(MemorySegment be16) {
        if (be16 == null || be16.byteSize() < 2) return 0;
        return (Byte.toUnsignedInt(be16.get(ValueLayout.JAVA_BYTE, 0)) << 8) | Byte.toUnsignedInt(be16.get(ValueLayout.JAVA_BYTE, 1));
    }

    private static InetAddress inet(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
