package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NlMessageTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void headerFamilyHeaderAndStringAttributeAreLaidOutLikeTheKernelExpects() {
        byte[] b = new NlMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                .ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, "br0").finish(7);
        assertArrayEquals(hex(
                "28000000 1000 0506 07000000 00000000"          // nlmsghdr: len 40, RTM_NEWLINK, flags 0x605, seq 7, pid 0
                + "00 00 0000 00000000 00000000 00000000"       // ifinfomsg
                + "0800 0300 62723000"), b);                     // IFLA_IFNAME "br0\0": len 8, no padding
    }

    @Test
    void attributesArePaddedToFourBytesButLengthExcludesPadding() {
        byte[] b = new NlMessage(RTM_SETLINK, NLM_F_REQUEST).ifinfomsg(AF_UNSPEC, 5, IFF_UP, IFF_UP)
                .attrString(IFLA_IFNAME, "eth0").attrU32(IFLA_MTU, 1500).finish(1);
        assertEquals(16 + 16 + 12 + 8, b.length);
        assertArrayEquals(hex("05000000 01000000 01000000"), java.util.Arrays.copyOfRange(b, 20, 32)); // index, flags, change
        assertArrayEquals(hex("0900 0300 65746830 00 000000"), java.util.Arrays.copyOfRange(b, 32, 44));
        assertArrayEquals(hex("0800 0400 dc050000"), java.util.Arrays.copyOfRange(b, 44, 52));
    }

    @Test
    void nestedAttributeLengthCoversItsChildrenIncludingAnEmbeddedIfinfomsg() {
        NlMessage m = new NlMessage(RTM_NEWLINK, NLM_F_REQUEST).ifinfomsg(AF_UNSPEC, 0, 0, 0);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "veth");
        int data = m.beginNested(IFLA_INFO_DATA);
        int peer = m.beginNested(VETH_INFO_PEER);
        m.ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, "eth0").attrU32(IFLA_NET_NS_FD, 9);
        m.endNested(peer).endNested(data).endNested(info);
        byte[] b = m.finish(3);
        // peer = 4 + ifinfomsg 16 + ifname 12 + netns fd 8 = 40; data = 44; info = 4 + kind(4+5->12) + 44 = 60
        assertEquals(32 + 60, b.length);
        assertArrayEquals(hex("3c00 1200 0900 0100 76657468 00 000000 2c00 0200 2800 0100"),
                java.util.Arrays.copyOfRange(b, 32, 56));
        assertArrayEquals(hex("0800 1c00 09000000"), java.util.Arrays.copyOfRange(b, 84, 92));
        assertEquals(92, java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    @Test
    void ifaddrmsgAndRtmsgFieldOrder() {
        byte[] a = new NlMessage(RTM_NEWADDR, NLM_F_REQUEST).ifaddrmsg(AF_INET, 24, RT_SCOPE_UNIVERSE, 7)
                .attr(IFA_LOCAL, new byte[] {10, 1, 2, 3}).finish(1);
        assertArrayEquals(hex("02 18 00 00 07000000 0800 0200 0a010203"), java.util.Arrays.copyOfRange(a, 16, a.length));
        byte[] r = new NlMessage(RTM_NEWROUTE, NLM_F_REQUEST)
                .rtmsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST).finish(1);
        assertArrayEquals(hex("02 00 00 00 fe 03 00 01 00000000"), java.util.Arrays.copyOfRange(r, 16, r.length));
    }

    @Test
    void growsPastItsInitialBuffer() {
        NlMessage m = new NlMessage(RTM_NEWLINK, NLM_F_REQUEST);
        for (int i = 0; i < 100; i++) m.attrU32(i, i);
        byte[] b = m.finish(1);
        assertEquals(16 + 100 * 8, b.length);
        NlAttributes attrs = NlAttributes.parse(java.lang.foreign.MemorySegment.ofArray(b).asSlice(16));
        assertEquals(99, attrs.u32(99, -1));
    }
}
