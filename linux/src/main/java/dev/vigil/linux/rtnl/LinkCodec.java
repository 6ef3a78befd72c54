package dev.vigil.linux.rtnl;

import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NlAttributes;
import java.nio.ByteBuffer;

/** Encodes link queries and decodes RTM_NEWLINK / RTM_DELLINK ({@code ifinfomsg} + IFLA_* attributes). */
public final class LinkCodec {
    private LinkCodec() {
    }

    /** RTM_GETLINK dump of every link. */
    public static ByteBuffer dumpRequest() {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .raw(ifinfomsg(0)).build();
    }

    /** RTM_GETLINK for one link by index. */
    public static ByteBuffer getRequest(int ifindex) {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETLINK, Netlink.NLM_F_REQUEST).raw(ifinfomsg(ifindex)).build();
    }

    /** RTM_GETLINK for one link by name (IFLA_IFNAME). */
    public static ByteBuffer getRequest(String name) {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETLINK, Netlink.NLM_F_REQUEST)
                .raw(ifinfomsg(0)).attrString(Rtnl.IFLA_IFNAME, name).build();
    }

    /**
     * RTM_NEWLINK creating a macvlan (keepalived's use_vmac): {@code ip link add link PARENT name NAME address MAC
     * type macvlan mode MODE}.
     */
    public static ByteBuffer createMacvlanRequest(String name, int parentIndex, MacAddress mac, MacvlanMode mode) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                .raw(ifinfomsg(0, 0, 0))
                .attrString(Rtnl.IFLA_IFNAME, name)
                .attrU32(Rtnl.IFLA_LINK, parentIndex);
        if (mac != null) {
            b.attrBytes(Rtnl.IFLA_ADDRESS, mac.bytes());
        }
        int info = b.beginNested(Rtnl.IFLA_LINKINFO);
        b.attrString(Rtnl.IFLA_INFO_KIND, "macvlan");
        int data = b.beginNested(Rtnl.IFLA_INFO_DATA);
        b.attrU32(Rtnl.IFLA_MACVLAN_MODE, mode.code());
        b.endNested(data);
        b.endNested(info);
        return b.build();
    }

    /** RTM_DELLINK of one link. */
    public static ByteBuffer deleteRequest(int ifindex) {
        return new NetlinkMessageBuilder(Rtnl.RTM_DELLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .raw(ifinfomsg(ifindex)).build();
    }

    /** RTM_NEWLINK changing only IFF_UP ({@code ip link set IF up|down}). */
    public static ByteBuffer setUpRequest(int ifindex, boolean up) {
        return new NetlinkMessageBuilder(Rtnl.RTM_NEWLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .raw(ifinfomsg(ifindex, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP)).build();
    }

    private static byte[] ifinfomsg(int ifindex) {
        return ifinfomsg(ifindex, 0, 0);
    }

    private static byte[] ifinfomsg(int ifindex, int flags, int change) {
        return Structs.allocate(Rtnl.IFINFOMSG_LEN).put((byte) LibC.AF_UNSPEC).put((byte) 0)
                .putShort((short) 0).putInt(ifindex).putInt(flags).putInt(change).array();
    }

    /** Decodes an RTM_NEWLINK/RTM_DELLINK message (primary IPv4 left null). */
    public static InterfaceInfo decode(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWLINK && m.type() != Rtnl.RTM_DELLINK) {
            throw new IllegalArgumentException("not a link message: type " + m.type());
        }
        ByteBuffer p = m.payload();
        if (p.limit() < Rtnl.IFINFOMSG_LEN) {
            throw new IllegalArgumentException("link message has " + p.limit() + " bytes, shorter than ifinfomsg");
        }
        int index = p.getInt(4);
        int flags = p.getInt(8);
        NlAttributes a = m.attributes(Rtnl.IFINFOMSG_LEN);
        String name = a.has(Rtnl.IFLA_IFNAME) ? a.string(Rtnl.IFLA_IFNAME) : "if" + index;
        MacAddress mac = a.has(Rtnl.IFLA_ADDRESS) ? MacAddress.of(a.bytes(Rtnl.IFLA_ADDRESS)) : null;
        int mtu = a.has(Rtnl.IFLA_MTU) ? a.u32(Rtnl.IFLA_MTU) : 0;
        OperState oper = a.has(Rtnl.IFLA_OPERSTATE) ? OperState.of(a.u8(Rtnl.IFLA_OPERSTATE)) : OperState.UNKNOWN;
        String kind = null;
        if (a.has(Rtnl.IFLA_LINKINFO)) {
            NlAttributes info = a.nested(Rtnl.IFLA_LINKINFO);
            kind = info.has(Rtnl.IFLA_INFO_KIND) ? info.string(Rtnl.IFLA_INFO_KIND) : null;
        }
        int master = a.has(Rtnl.IFLA_MASTER) ? a.u32(Rtnl.IFLA_MASTER) : 0;
        return new InterfaceInfo(index, name, mac, flags, mtu, oper, kind, master, null);
    }
}
