package dev.berth.netlink.internal;

import static dev.berth.netlink.internal.NlConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlFrameTest {
    private static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void splitsADatagramHoldingSeveralMessagesAndDone() {
        byte[] one = new NlMessage(RTM_NEWLINK, NLM_F_MULTI).ifinfomsg(AF_UNSPEC, 1, IFF_UP, 0)
                .attrString(IFLA_IFNAME, "lo").finish(42);
        byte[] two = new NlMessage(RTM_NEWLINK, NLM_F_MULTI).ifinfomsg(AF_UNSPEC, 2, 0, 0)
                .attrString(IFLA_IFNAME, "eth0").finish(42);
        byte[] done = new NlMessage(NLMSG_DONE, NLM_F_MULTI).attr(0, new byte[0]).finish(42);
        byte[] all = new byte[one.length + two.length + done.length];
        System.arraycopy(one, 0, all, 0, one.length);
        System.arraycopy(two, 0, all, one.length, two.length);
        System.arraycopy(done, 0, all, one.length + two.length, done.length);
        List<NlFrame> frames = NlFrame.split(MemorySegment.ofArray(all));
        assertEquals(3, frames.size());
        assertEquals(List.of(RTM_NEWLINK, RTM_NEWLINK, NLMSG_DONE), frames.stream().map(NlFrame::type).toList());
        assertEquals("eth0", frames.get(1).attributes(IFINFOMSG_LEN).string(IFLA_IFNAME));
        assertEquals(42, frames.get(2).seq());
    }

    @Test
    void errorFrameWithCappedAckCarriesErrnoAndKernelMessage() {
        // nlmsghdr(len 56, NLMSG_ERROR, flags CAPPED|ACK_TLVS, seq 5) + error -17 + echoed header
        // + NLMSGERR_ATTR_MSG "File exists!" (4 + 13 -> 20)
        MemorySegment s = seg("38000000 0200 0003 05000000 00000000"
                + "efffffff"
                + "20000000 1000 0506 05000000 00000000"
                + "1100 0100 46696c65206578697374732100 000000");
        NlFrame f = NlFrame.split(s).getFirst();
        assertEquals(NLMSG_ERROR, f.type());
        assertEquals(-17, f.errorCode());
        assertEquals("File exists!", f.extAckMessage());
    }

    @Test
    void plainAckHasNoMessage() {
        NlFrame f = NlFrame.split(seg("24000000 0200 0001 05000000 00000000 00000000 20000000 1000 0506 05000000 00000000"))
                .getFirst();
        assertEquals(0, f.errorCode());
        assertNull(f.extAckMessage());
    }

    @Test
    void rejectsATruncatedMessage() {
        assertThrows(IllegalArgumentException.class, () -> NlFrame.split(seg("40000000 0200 0000 01000000 00000000")));
    }

    @Test
    void attributeParserMasksNestedFlagAndRejectsOverrun() {
        NlAttributes a = NlAttributes.parse(seg("0c00 1280 0800 0100 62720000"));
        assertEquals("br", a.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND));
        assertFalse(a.has(IFLA_IFNAME));
        assertThrows(IllegalArgumentException.class, () -> NlAttributes.parse(seg("1000 0300 6162")));
    }
}
