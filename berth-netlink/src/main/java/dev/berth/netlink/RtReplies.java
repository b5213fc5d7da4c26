package dev.berth.netlink;

import static dev.berth.netlink.internal.NlConstants.*;

import dev.berth.netlink.internal.NlAttributes;
import dev.berth.netlink.internal.NlFrame;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Turns RTM_NEWLINK / RTM_NEWADDR / RTM_NEWROUTE replies into records. Pure. */
final class RtReplies {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final int MAC_LEN = 6;

    private RtReplies() {}

    static Link link(NlFrame f) {
        MemorySegment p = f.payload();
        int index = p.get(U32, 4);
        int flags = p.get(U32, 8);
        NlAttributes a = f.attributes(IFINFOMSG_LEN);
        String kind = a.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND);
        byte[] hw = a.bytes(IFLA_ADDRESS);
        return new Link(index, a.string(IFLA_IFNAME), kind == null ? "" : kind, formatMac(hw),
                a.u32(IFLA_MTU, 0), a.u32(IFLA_MASTER, 0), (flags & IFF_UP) != 0);
    }

    static Address address(NlFrame f) {
        MemorySegment p = f.payload();
        int prefixLen = Byte.toUnsignedInt(p.get(ValueLayout.JAVA_BYTE, 1));
        int index = p.get(U32, 4);
        NlAttributes a = f.attributes(IFADDRMSG_LEN);
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
        byte[] raw = a.has(IFA_LOCAL) ? a.bytes(IFA_LOCAL) : a.bytes(IFA_ADDRESS);
        return new Address(index, inet(raw), prefixLen);
    }

    /** The route's table: RTA_TABLE when present (tables above 255), else rtm_table. */
    static int routeTable(NlFrame f) {
        int table = Byte.toUnsignedInt(f.payload().get(ValueLayout.JAVA_BYTE, 4));
        return f.attributes(RTMSG_LEN).u32(RTA_TABLE, table);
    }

    static Route route(NlFrame f) {
        int dstLen = Byte.toUnsignedInt(f.payload().get(ValueLayout.JAVA_BYTE, 1));
        NlAttributes a = f.attributes(RTMSG_LEN);
        String dst = a.has(RTA_DST) ? inet(a.bytes(RTA_DST)).getHostAddress() : "0.0.0.0";
        String gw = a.has(RTA_GATEWAY) ? inet(a.bytes(RTA_GATEWAY)).getHostAddress() : null;
        return new Route(dst + "/" + dstLen, gw, a.u32(RTA_OIF, 0));
    }

    static String formatMac(byte[] hw) {
        if (hw == null || hw.length == 0) return "";
        return HexFormat.ofDelimiter(":").formatHex(hw);
    }

    static byte[] parseMac(String mac) {
        byte[] b;
        try {
            b = HexFormat.ofDelimiter(":").parseHex(mac);
        } catch (IllegalArgumentException e) {
            b = null;
        }
        if (b == null || b.length != MAC_LEN) throw dev.berth.common.BerthException.invalid("invalid MAC address %s", mac);
        return b;
    }

    private static InetAddress inet(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + raw.length, e);
        }
    }
}
