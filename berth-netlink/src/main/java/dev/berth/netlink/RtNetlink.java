package dev.berth.netlink;

import static dev.berth.netlink.internal.NlConstants.*;

import dev.berth.common.BerthException;
import dev.berth.common.BerthException.Kind;
import dev.berth.netlink.internal.NetlinkSocket;
import dev.berth.netlink.internal.NlFrame;
import dev.berth.netlink.internal.NlMessage;
import dev.berth.sys.Errno;
import dev.berth.sys.Libc;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * rtnetlink operations (links, addresses, routes) on one NETLINK_ROUTE socket, which stays bound
 * to the namespace it was opened in. Thread-safe (one request at a time); every request asks for
 * an ACK and every reply is checked. Failures are {@link BerthException}s naming the operation and
 * the link: EEXIST is ALREADY_EXISTS, ENODEV/ENOENT NOT_FOUND.
 *
 * <p>A container's network, from the daemon:
 * <pre>{@code
 * try (RtNetlink host = RtNetlink.open()) {
 *     Netns.create(nsFile);                                    // lo is up
 *     host.addVeth("veth1a2b", "eth0", nsFile, 1500, mac);    // eth0 is born inside the container
 *     host.setMaster("veth1a2b", "berth0");
 *     host.setUp("veth1a2b");
 *     try (RtNetlink ns = RtNetlink.openIn(nsFile)) {
 *         ns.addAddress("eth0", ip, 16);
 *         ns.setUp("eth0");
 *         ns.addDefaultRoute(gateway);
 *     }
 * }
 * }</pre>
 */
public final class RtNetlink implements AutoCloseable {
    private static final int REQUEST_ACK = NLM_F_REQUEST | NLM_F_ACK;
    private static final int CREATE_NEW = REQUEST_ACK | NLM_F_CREATE | NLM_F_EXCL;
    private static final int DUMP = NLM_F_REQUEST | NLM_F_DUMP;
    private static final int IPV4_BITS = 32;
    private static final int DUMP_ATTEMPTS = 3;

    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** A socket in the calling thread's network namespace (for daemon threads: the daemon's). */
    public static RtNetlink open() {
        try {
            return new RtNetlink(NetlinkSocket.open());
        } catch (Errno e) {
            throw BerthException.internal("open rtnetlink socket: " + e.getMessage(), e);
        }
    }

    /** A socket inside the namespace {@code netnsFile}; usable from any thread afterwards. */
    public static RtNetlink openIn(Path netnsFile) {
        try {
            return new RtNetlink(Netns.call(netnsFile, NetlinkSocket::open));
        } catch (BerthException e) {
            throw e;
        } catch (Exception e) {
            throw BerthException.internal("open rtnetlink socket in " + netnsFile + ": " + e.getMessage(), e);
        }
    }

    // ---- links

    /** The link's index, or -1 if there is no such link. */
    public int linkIndex(String name) {
        return link(name).map(Link::index).orElse(-1);
    }

    public Optional<Link> link(String name) {
        NlMessage m = new NlMessage(RTM_GETLINK, REQUEST_ACK).ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, name);
        try {
            return request(m, "get link " + name).stream()
                    .filter(f -> f.type() == RTM_NEWLINK).map(RtReplies::link).findFirst();
        } catch (BerthException e) {
            if (e.kind() == Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    public List<Link> links() {
        NlMessage m = new NlMessage(RTM_GETLINK, DUMP).ifinfomsg(AF_UNSPEC, 0, 0, 0);
        return dump(m, "list links").stream().filter(f -> f.type() == RTM_NEWLINK).map(RtReplies::link).toList();
    }

    public void addBridge(String name, int mtu) {
        NlMessage m = new NlMessage(RTM_NEWLINK, CREATE_NEW).ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, name);
        if (mtu > 0) m.attrU32(IFLA_MTU, mtu);
        int info = m.beginNested(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "bridge");
        m.endNested(info);
        request(m, "add bridge " + name);
    }

    /**
     * Creates a veth pair; the peer is created directly in {@code peerNetns} (null: this socket's
     * namespace), so it can be given its final name (eth0) at once. {@code mtu} applies to both ends.
     */
    public void addVeth(String name, String peerName, Path peerNetns, int mtu, String peerMac) {
        String op = "add veth " + name + " (peer " + peerName + ")";
        byte[] mac = peerMac == null ? null : RtReplies.parseMac(peerMac);
        int nsFd = peerNetns == null ? -1 : Netns.openFd(peerNetns);
        try {
            NlMessage m = new NlMessage(RTM_NEWLINK, CREATE_NEW).ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, name);
            if (mtu > 0) m.attrU32(IFLA_MTU, mtu);
            int info = m.beginNested(IFLA_LINKINFO);
            m.attrString(IFLA_INFO_KIND, "veth");
            int data = m.beginNested(IFLA_INFO_DATA);
            int peer = m.beginNested(VETH_INFO_PEER);
            m.ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, peerName);
            if (mtu > 0) m.attrU32(IFLA_MTU, mtu);
            if (mac != null) m.attr(IFLA_ADDRESS, mac);
            if (nsFd >= 0) m.attrU32(IFLA_NET_NS_FD, nsFd);
            m.endNested(peer).endNested(data).endNested(info);
            request(m, op);
        } finally {
            if (nsFd >= 0) Libc.close(nsFd);
        }
    }

    public void setMaster(String name, String bridgeName) {
        int bridge = linkIndex(bridgeName);
        if (bridge < 0) throw BerthException.notFound("set master of %s: bridge %s not found", name, bridgeName);
        setLink(name, "set master of " + name + " to " + bridgeName, 0, 0).attrU32(IFLA_MASTER, bridge).send();
    }

    public void setUp(String name) {
        setLink(name, "set link " + name + " up", IFF_UP, IFF_UP).send();
    }

    public void setDown(String name) {
        setLink(name, "set link " + name + " down", 0, IFF_UP).send();
    }

    public void setMac(String name, String mac) {
        byte[] hw = RtReplies.parseMac(mac);
        setLink(name, "set MAC of " + name + " to " + mac, 0, 0).attr(IFLA_ADDRESS, hw).send();
    }

    public void setMtu(String name, int mtu) {
        setLink(name, "set MTU of " + name + " to " + mtu, 0, 0).attrU32(IFLA_MTU, mtu).send();
    }

    public void rename(String name, String newName) {
        String op = "rename link " + name + " to " + newName;
        int index = linkIndex(name);
        if (index < 0) throw BerthException.notFound("%s: no such link", op);
        request(new NlMessage(RTM_SETLINK, REQUEST_ACK).ifinfomsg(AF_UNSPEC, index, 0, 0).attrString(IFLA_IFNAME, newName), op);
    }

    /** Deletes a link (for a veth: both ends); false if there was no such link. */
    public boolean deleteLink(String name) {
        NlMessage m = new NlMessage(RTM_DELLINK, REQUEST_ACK).ifinfomsg(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, name);
        try {
            request(m, "delete link " + name);
            return true;
        } catch (BerthException e) {
            if (e.kind() == Kind.NOT_FOUND) return false;
            throw e;
        }
    }

    // ---- addresses

    /** Adds an address; for IPv4 also sets the broadcast address of the subnet. */
    public void addAddress(String name, InetAddress addr, int prefixLen) {
        String op = "add address " + addr.getHostAddress() + "/" + prefixLen + " to " + name;
        byte[] raw = addr.getAddress();
        if (prefixLen < 0 || prefixLen > raw.length * 8) throw BerthException.invalid("%s: bad prefix length", op);
        int index = linkIndex(name);
        if (index < 0) throw BerthException.notFound("%s: no such link", op);
        boolean v4 = addr instanceof Inet4Address;
        NlMessage m = new NlMessage(RTM_NEWADDR, CREATE_NEW)
                .ifaddrmsg(v4 ? AF_INET : AF_INET6, prefixLen, RT_SCOPE_UNIVERSE, index)
                .attr(IFA_LOCAL, raw).attr(IFA_ADDRESS, raw);
        if (v4 && prefixLen < IPV4_BITS - 1) m.attr(IFA_BROADCAST, broadcast(raw, prefixLen));
        request(m, op);
    }

    public List<Address> addresses(String name) {
        int index = linkIndex(name);
        if (index < 0) throw BerthException.notFound("list addresses of %s: no such link", name);
        NlMessage m = new NlMessage(RTM_GETADDR, DUMP).ifaddrmsg(AF_UNSPEC, 0, 0, 0);
        return dump(m, "list addresses of " + name).stream()
                .filter(f -> f.type() == RTM_NEWADDR).map(RtReplies::address)
                .filter(a -> a.ifIndex() == index).toList();
    }

    // ---- routes

    /** The IPv4 routes of the main table. */
    public List<Route> routes() {
        NlMessage m = new NlMessage(RTM_GETROUTE, DUMP).rtmsg(AF_INET, 0, 0, 0, 0, 0);
        return dump(m, "list routes").stream()
                .filter(f -> f.type() == RTM_NEWROUTE && RtReplies.routeTable(f) == RT_TABLE_MAIN)
                .map(RtReplies::route).toList();
    }

    /** Adds a default route via {@code gateway}; the kernel picks the interface that reaches it. */
    public void addDefaultRoute(InetAddress gateway) {
        boolean v4 = gateway instanceof Inet4Address;
        NlMessage m = new NlMessage(RTM_NEWROUTE, CREATE_NEW)
                .rtmsg(v4 ? AF_INET : AF_INET6, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
                .attr(RTA_GATEWAY, gateway.getAddress());
        request(m, "add default route via " + gateway.getHostAddress());
    }

    @Override
    public synchronized void close() {
        socket.close();
    }

    // ---- plumbing

    static byte[] broadcast(byte[] addr, int prefixLen) {
        byte[] b = addr.clone();
        for (int bit = prefixLen; bit < b.length * 8; bit++) b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        return b;
    }

    /** A RTM_SETLINK addressed by name (the kernel looks the link up by IFLA_IFNAME when index is 0). */
    private SetLink setLink(String name, String op, int flags, int change) {
        return new SetLink(new NlMessage(RTM_SETLINK, REQUEST_ACK).ifinfomsg(AF_UNSPEC, 0, flags, change)
                .attrString(IFLA_IFNAME, name), op);
    }

    private final class SetLink {
        private final NlMessage message;
        private final String op;

        SetLink(NlMessage message, String op) {
            this.message = message;
            this.op = op;
        }

        SetLink attr(int type, byte[] value) {
            message.attr(type, value);
            return this;
        }

        SetLink attrU32(int type, int value) {
            message.attrU32(type, value);
            return this;
        }

        void send() {
            request(message, op);
        }
    }

    /** A dump; repeated when the kernel flags it as interrupted by a concurrent change. */
    private List<NlFrame> dump(NlMessage message, String op) {
        for (int attempt = 1; ; attempt++) {
            List<NlFrame> frames = request(message, op);
            boolean interrupted = frames.stream().anyMatch(f -> (f.flags() & NLM_F_DUMP_INTR) != 0);
            if (!interrupted) return frames;
            if (attempt == DUMP_ATTEMPTS) throw BerthException.internal(op + ": dump kept being interrupted by concurrent changes", null);
        }
    }

    /** Sends, waits for the ACK or NLMSG_DONE, throws on a kernel error; returns the data frames. */
    private synchronized List<NlFrame> request(NlMessage message, String op) {
        List<NlFrame> frames;
        try {
            frames = socket.receive(socket.send(message));
        } catch (Errno e) {
            throw BerthException.internal(op + ": " + e.getMessage(), e);
        }
        NlFrame last = frames.getLast();
        boolean carriesCode = last.type() == NLMSG_ERROR || (last.type() == NLMSG_DONE && last.payload().byteSize() >= 4);
        int code = carriesCode ? last.errorCode() : 0;
        if (code < 0) throw NetlinkErrors.of(op, -code, last.type() == NLMSG_ERROR ? last.extAckMessage() : null);
        return new ArrayList<>(frames.subList(0, frames.size() - 1));
    }
}
