package dev.vigil.vrrp.codec;

/**
 * Every byte layout this module reads or writes, in one place: the IPv4 header as sent over an
 * {@code IP_HDRINCL} raw socket, the VRRPv2 advertisement (RFC 3768 §5.1) and the gratuitous ARP
 * Ethernet frame. Offsets are relative to the start of their own header.
 *
 * <pre>
 * IPv4 (20 bytes, no options when sending)      VRRPv2 advertisement
 *  0 ver/ihl 0x45   1 tos 0xc0                   0 ver/type 0x21   1 vrid   2 priority   3 count
 *  2 tot_len        4 id 0   6 frag_off 0        4 auth type       5 adver_int (s)   6 checksum
 *  8 ttl 255        9 proto 112  10 checksum     8 count × IPv4 address
 * 12 source        16 destination                8+4n  8 bytes auth data (always present)
 * </pre>
 */
public final class VrrpWire {
    private VrrpWire() {}

    /** IANA protocol number of VRRP. */
    public static final int IPPROTO_VRRP = 112;
    /** IPsec AH protocol number; keepalived's AH auth wraps the advert in it. */
    public static final int IPPROTO_AH = 51;
    /** 224.0.0.18 as a big-endian int. */
    public static final int MULTICAST_GROUP = 0xE0000012;
    /** TTL every VRRP router sends and a multicast receiver requires. */
    public static final int TTL = 255;
    /** DSCP CS6 as keepalived sets it. */
    public static final int TOS = 0xc0;

    public static final int VERSION_2 = 2;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int PRIORITY_STOP = 0;
    public static final int PRIORITY_OWNER = 255;
    public static final int AUTH_DATA_LENGTH = 8;

    // IPv4 header
    public static final int IP_HEADER_LENGTH = 20;
    public static final int IP_VERSION_IHL = 0;
    public static final int IP_TOS = 1;
    public static final int IP_TOTAL_LENGTH = 2;
    public static final int IP_ID = 4;
    public static final int IP_FRAG_OFF = 6;
    public static final int IP_TTL = 8;
    public static final int IP_PROTOCOL = 9;
    public static final int IP_CHECKSUM = 10;
    public static final int IP_SOURCE = 12;
    public static final int IP_DESTINATION = 16;

    /** Size of the IPsec AH header keepalived places between IP and VRRP (RFC 2402, 96-bit ICV). */
    public static final int AH_HEADER_LENGTH = 24;

    // VRRPv2 header
    public static final int VRRP_HEADER_LENGTH = 8;
    public static final int VRRP_VERSION_TYPE = 0;
    public static final int VRRP_VRID = 1;
    public static final int VRRP_PRIORITY = 2;
    public static final int VRRP_COUNT = 3;
    public static final int VRRP_AUTH_TYPE = 4;
    public static final int VRRP_ADVER_INT = 5;
    public static final int VRRP_CHECKSUM = 6;
    public static final int VRRP_ADDRESSES = 8;

    /** Length of a VRRPv2 message carrying {@code count} addresses. */
    public static int vrrpLength(int count) {
        return VRRP_HEADER_LENGTH + 4 * count + AUTH_DATA_LENGTH;
    }

    // Gratuitous ARP frame
    public static final int GARP_FRAME_LENGTH = 42;
    public static final int ETH_DST = 0;
    public static final int ETH_SRC = 6;
    public static final int ETH_TYPE = 12;
    public static final int ETH_HEADER_LENGTH = 14;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IP = 0x0800;
    public static final int ARP_HTYPE = 14;
    public static final int ARP_PTYPE = 16;
    public static final int ARP_HLEN = 18;
    public static final int ARP_PLEN = 19;
    public static final int ARP_OPER = 20;
    public static final int ARP_SHA = 22;
    public static final int ARP_SPA = 28;
    public static final int ARP_THA = 32;
    public static final int ARP_TPA = 38;
    public static final int ARPHRD_ETHER = 1;
    public static final int ARPOP_REQUEST = 1;
    public static final int MAC_LENGTH = 6;

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static int u32(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }
}
