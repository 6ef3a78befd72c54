package dev.vigil.linux.rtnl;

import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NlAttributes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Encodes RTM_NEWADDR/RTM_DELADDR/RTM_GETADDR and decodes address messages ({@code ifaddrmsg} + IFA_*). */
public final class AddressCodec {
    private AddressCodec() {
    }

    /**
     * The add request keepalived sends for a VIP: {@code NLM_F_REQUEST|ACK|CREATE|EXCL}, ifaddrmsg, IFA_LOCAL,
     * IFA_ADDRESS (both the address), then IFA_BROADCAST and IFA_LABEL when set, and IFA_FLAGS when the flags do
     * not fit ifaddrmsg's byte. (IPv6 VIPs: pass IFA_F_NODAD as keepalived does.)
     */
    public static ByteBuffer addRequest(InterfaceAddress a) {
        return request(Rtnl.RTM_NEWADDR,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, a);
    }

    /** RTM_DELADDR with the same body as {@link #addRequest}. */
    public static ByteBuffer deleteRequest(InterfaceAddress a) {
        return request(Rtnl.RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, a);
    }

    private static ByteBuffer request(int type, int flags, InterfaceAddress a) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(type, flags)
                .raw(ifaddrmsg(family(a.address()), a.prefixLength(), a.flags() & 0xff, a.scope(), a.ifindex()))
                .attrBytes(Rtnl.IFA_LOCAL, a.address().getAddress())
                .attrBytes(Rtnl.IFA_ADDRESS, a.address().getAddress());
        if (a.broadcast() != null) {
            b.attrBytes(Rtnl.IFA_BROADCAST, a.broadcast().getAddress());
        }
        if (a.label() != null) {
            b.attrString(Rtnl.IFA_LABEL, a.label());
        }
        if ((a.flags() & ~0xff) != 0) {
            b.attrU32(Rtnl.IFA_FLAGS, a.flags());
        }
        return b.build();
    }

    /** RTM_GETADDR dump for one family (LibC.AF_INET / AF_INET6, or AF_UNSPEC for both). */
    public static ByteBuffer dumpRequest(int family) {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .raw(ifaddrmsg(family, 0, 0, 0, 0)).build();
    }

    private static byte[] ifaddrmsg(int family, int prefixLength, int flags, int scope, int ifindex) {
        return Structs.allocate(Rtnl.IFADDRMSG_LEN).put((byte) family).put((byte) prefixLength).put((byte) flags)
                .put((byte) scope).putInt(ifindex).array();
    }

    static int family(InetAddress a) {
        return a instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET;
    }

    /** Decodes an RTM_NEWADDR/RTM_DELADDR message. The address is IFA_LOCAL when present, else IFA_ADDRESS. */
    public static InterfaceAddress decode(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWADDR && m.type() != Rtnl.RTM_DELADDR) {
            throw new IllegalArgumentException("not an address message: type " + m.type());
        }
        ByteBuffer p = m.payload();
        if (p.limit() < Rtnl.IFADDRMSG_LEN) {
            throw new IllegalArgumentException("address message has " + p.limit() + " bytes, shorter than ifaddrmsg");
        }
        int prefixLength = Byte.toUnsignedInt(p.get(1));
        int flags = Byte.toUnsignedInt(p.get(2));
        int scope = Byte.toUnsignedInt(p.get(3));
        int ifindex = p.getInt(4);
        NlAttributes a = m.attributes(Rtnl.IFADDRMSG_LEN);
        if (a.has(Rtnl.IFA_FLAGS)) {
            flags = a.u32(Rtnl.IFA_FLAGS); // the full 32-bit flags; the u8 in ifaddrmsg is truncated
        }
        int addrType = a.has(Rtnl.IFA_LOCAL) ? Rtnl.IFA_LOCAL : Rtnl.IFA_ADDRESS;
        InetAddress address = inet(a.bytes(addrType));
        Inet4Address broadcast = a.has(Rtnl.IFA_BROADCAST) ? (Inet4Address) inet(a.bytes(Rtnl.IFA_BROADCAST)) : null;
        String label = a.has(Rtnl.IFA_LABEL) ? a.string(Rtnl.IFA_LABEL) : null;
        return new InterfaceAddress(ifindex, address, prefixLength, broadcast, label, scope, flags);
    }

    static InetAddress inet(byte[] raw) {
        if (raw.length != 4 && raw.length != 16) {
            throw new IllegalArgumentException("address attribute of " + raw.length + " bytes");
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
