package dev.vigil.linux.rtnl;

/** rtnetlink constants ({@code include/uapi/linux/rtnetlink.h, if_addr.h, if_link.h, if.h}). */
public final class Rtnl {
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;
    public static final int RTM_NEWRULE = 32;
    public static final int RTM_DELRULE = 33;
    public static final int RTM_GETRULE = 34;

    /** Multicast group bitmasks for bind(2). */
    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    /** {@code struct ifinfomsg} (16 B): u8 family, u8 pad, u16 type, i32 index, u32 flags, u32 change. */
    public static final int IFINFOMSG_LEN = 16;
    /** {@code struct ifaddrmsg} (8 B): u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index. */
    public static final int IFADDRMSG_LEN = 8;
    /** {@code struct rtmsg} (12 B): u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags. */
    public static final int RTMSG_LEN = 12;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_MACVLAN_MODE = 1;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    /** Longest label including its NUL (IFNAMSIZ). */
    public static final int IFNAMSIZ = 16;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_TABLE = 15;

    /** {@code struct fib_rule_hdr} (12 B): u8 family, dst_len, src_len, tos, table, res1, res2, action; u32 flags. */
    public static final int FIB_RULE_HDR_LEN = 12;
    public static final int FIB_RULE_INVERT = 0x2;
    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_IIFNAME = 3;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_FWMARK = 10;
    public static final int FRA_TABLE = 15;
    public static final int FRA_FWMASK = 16;
    public static final int FRA_OIFNAME = 17;
    public static final int FRA_PROTOCOL = 21;

    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    public static final int RT_TABLE_UNSPEC = 0;
    /** rtm_table value for tables above 255, whose real id travels in RTA_TABLE. */
    public static final int RT_TABLE_COMPAT = 252;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    /** keepalived's protocol number for the routes it installs (rt_protos: "keepalived"). */
    public static final int RTPROT_KEEPALIVED = 18;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;

    private Rtnl() {
    }
}
