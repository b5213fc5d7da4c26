package dev.berth.netlink;

import static dev.berth.netlink.internal.NlConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.berth.common.BerthException;
import dev.berth.netlink.internal.NlFrame;
import dev.berth.netlink.internal.NlMessage;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class RtRepliesTest {
    private static NlFrame frame(NlMessage m) {
        return NlFrame.split(MemorySegment.ofArray(m.finish(1))).getFirst();
    }

    @Test
    void linkReplyBecomesALink() {
        NlMessage m = new NlMessage(RTM_NEWLINK, 0).ifinfomsg(AF_UNSPEC, 7, IFF_UP, 0)
                .attr(IFLA_ADDRESS, new byte[] {2, 0x42, (byte) 0xac, 0x11, 0, 2})
                .attrString(IFLA_IFNAME, "veth1").attrU32(IFLA_MTU, 1400).attrU32(IFLA_MASTER, 3);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "veth");
        m.endNested(info);
        assertEquals(new Link(7, "veth1", "veth", "02:42:ac:11:00:02", 1400, 3, true), RtReplies.link(frame(m)));
    }

    @Test
    void linkWithoutKindOrMasterIsDownAndPlain() {
        NlMessage m = new NlMessage(RTM_NEWLINK, 0).ifinfomsg(AF_UNSPEC, 1, 0, 0).attrString(IFLA_IFNAME, "lo")
                .attrU32(IFLA_MTU, 65536);
        assertEquals(new Link(1, "lo", "", "", 65536, 0, false), RtReplies.link(frame(m)));
    }

    @Test
    void addressPrefersLocalOverPeerAddress() throws Exception {
        NlMessage m = new NlMessage(RTM_NEWADDR, 0).ifaddrmsg(AF_INET, 24, 0, 4)
                .attr(IFA_ADDRESS, new byte[] {10, 0, 0, 9}).attr(IFA_LOCAL, new byte[] {10, 0, 0, 1});
        Address a = RtReplies.address(frame(m));
        assertEquals("10.0.0.1/24", a.cidr());
        assertEquals(4, a.ifIndex());
    }

    @Test
    void routesDefaultAndConnected() {
        NlFrame def = frame(new NlMessage(RTM_NEWROUTE, 0)
                .rtmsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
                .attrU32(RTA_TABLE, RT_TABLE_MAIN).attr(RTA_GATEWAY, new byte[] {(byte) 192, (byte) 168, 1, 1})
                .attrU32(RTA_OIF, 2));
        assertEquals(new Route("0.0.0.0/0", "192.168.1.1", 2), RtReplies.route(def));
        assertEquals(RT_TABLE_MAIN, RtReplies.routeTable(def));
        NlFrame net = frame(new NlMessage(RTM_NEWROUTE, 0).rtmsg(AF_INET, 24, 255, 2, RT_SCOPE_LINK, RTN_UNICAST)
                .attr(RTA_DST, new byte[] {10, (byte) 201, 5, 0}).attrU32(RTA_OIF, 9));
        assertEquals(new Route("10.201.5.0/24", null, 9), RtReplies.route(net));
        assertEquals(255, RtReplies.routeTable(net));
    }

    @Test
    void macParsingAndBroadcast() {
        assertArrayEquals(new byte[] {2, 0x42, (byte) 0xac, 0x11, 0, 2}, RtReplies.parseMac("02:42:AC:11:00:02"));
        assertEquals(BerthException.Kind.INVALID_ARGUMENT, assertThrows(BerthException.class,
                () -> RtReplies.parseMac("02:42:ac")).kind());
        assertArrayEquals(new byte[] {10, (byte) 201, 5, (byte) 255}, RtNetlink.broadcast(new byte[] {10, (byte) 201, 5, 1}, 24));
        assertArrayEquals(new byte[] {10, 0, 0, 7}, RtNetlink.broadcast(new byte[] {10, 0, 0, 5}, 30));
    }

    @Test
    void errnoMapsToKindAndMessageNamesOperation() {
        BerthException e = NetlinkErrors.of("add veth vethab12 (peer eth0)", EEXIST, null);
        assertEquals(BerthException.Kind.ALREADY_EXISTS, e.kind());
        assertEquals("add veth vethab12 (peer eth0): File exists", e.getMessage());
        assertEquals(BerthException.Kind.NOT_FOUND, NetlinkErrors.of("x", ENODEV, "").kind());
    }

    @Test
    void sysctlKeysMapToProcSys() {
        assertEquals("/proc/sys/net/ipv4/conf/eth0/route_localnet", Sysctl.path("net.ipv4.conf.eth0.route_localnet").toString());
        assertEquals("/proc/sys/net/ipv4/conf/eth0.5/forwarding", Sysctl.path("net/ipv4/conf/eth0.5/forwarding").toString());
        assertThrows(BerthException.class, () -> Sysctl.path("net/../../etc"));
    }
}
