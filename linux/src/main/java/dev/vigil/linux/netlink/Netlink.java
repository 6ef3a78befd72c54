package dev.vigil.linux.netlink;

/** Netlink header constants ({@code include/uapi/linux/netlink.h}). */
public final class Netlink {
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    /** {@code struct nlmsghdr}: u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
    public static final int NLMSG_HDRLEN = 16;
    /** {@code struct nlattr}: u16 len, u16 type. */
    public static final int NLA_HDRLEN = 4;
    public static final int ALIGNTO = 4;

    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_ECHO = 0x8;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    /** On NLMSG_ERROR: the original request was cut to its header (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** On NLMSG_ERROR: extended-ACK attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** setsockopt(SOL_NETLINK, ...) options. */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    /** Extended ACK attribute carrying the kernel's text explanation. */
    public static final int NLMSGERR_ATTR_MSG = 1;

    private Netlink() {
    }

    /** Rounds up to the 4-byte netlink alignment. */
    public static int align(int length) {
        return (length + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }
}
