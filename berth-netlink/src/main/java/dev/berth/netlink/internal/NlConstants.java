package dev.berth.netlink.internal;

/** Kernel ABI numbers of netlink and rtnetlink (linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h, veth.h). */
public final class NlConstants {
    private NlConstants() {}

    public static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;
    public static final int SOCK_RAW = 3, SOCK_CLOEXEC = 02000000;
    public static final int NETLINK_ROUTE = 0;
    public static final int SOL_NETLINK = 270, NETLINK_CAP_ACK = 10, NETLINK_EXT_ACK = 11;
    public static final int MSG_TRUNC = 0x20;

    /** struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32. */
    public static final int NLMSG_HDRLEN = 16;
    /** struct rtattr / nlattr: len u16, type u16. */
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_ALIGNTO = 4;
    public static final int NLA_F_NESTED = 0x8000, NLA_TYPE_MASK = 0x3fff;

    public static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3;
    public static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    /** Set on dump replies when the table changed during the dump (the result may be inconsistent). */
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    /** Flags of an NLMSG_ERROR reply: the request was not echoed, extended-ack attributes follow. */
    public static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    public static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20, RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24, RTM_GETROUTE = 26;

    /** struct ifinfomsg: family u8, pad u8, type u16, index s32, flags u32, change u32. */
    public static final int IFINFOMSG_LEN = 16;
    /** struct ifaddrmsg: family u8, prefixlen u8, flags u8, scope u8, index u32. */
    public static final int IFADDRMSG_LEN = 8;
    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each), flags u32. */
    public static final int RTMSG_LEN = 12;

    public static final int IFF_UP = 0x1;

    public static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_MASTER = 10,
            IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28;
    public static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    public static final int VETH_INFO_PEER = 1;

    public static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_BROADCAST = 4;

    public static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_TABLE = 15;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RTPROT_BOOT = 3;
    public static final int RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253;
    public static final int RTN_UNICAST = 1;

    public static final int ENODEV = 19, ENOENT = 2, EEXIST = 17, EPERM = 1, EACCES = 13, EINVAL = 22,
            EBUSY = 16, EOPNOTSUPP = 95, ENETUNREACH = 101, EADDRNOTAVAIL = 99, ESRCH = 3;

    public static int align(int len) {
        return (len + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1);
    }
}
