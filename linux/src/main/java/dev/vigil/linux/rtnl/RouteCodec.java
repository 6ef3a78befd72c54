package dev.vigil.linux.rtnl;

import dev.vigil.linux.LibC;
import dev.vigil.linux.Structs;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NlAttributes;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Encodes RTM_NEWROUTE/RTM_DELROUTE/RTM_GETROUTE and decodes route messages ({@code rtmsg} + RTA_*). */
public final class RouteCodec {
    private RouteCodec() {
    }

    /** Add with {@code NLM_F_REQUEST|ACK|CREATE|EXCL} (EEXIST when present, as {@code ip route add}). */
    public static ByteBuffer addRequest(Route r) {
        return request(Rtnl.RTM_NEWROUTE,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r,
                r.effectiveScope(), r.protocol());
    }

    /**
     * Delete: scope NOWHERE and protocol 0 unless the route names a scope, so the kernel matches the route
     * whoever installed it (as {@code ip route del}).
     */
    public static ByteBuffer deleteRequest(Route r) {
        return request(Rtnl.RTM_DELROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, r,
                r.scope() >= 0 ? r.scope() : Rtnl.RT_SCOPE_NOWHERE, 0);
    }

    private static ByteBuffer request(int msgType, int flags, Route r, int scope, int protocol) {
        int family = AddressCodec.family(r.destination());
        byte[] rtmsg = Structs.allocate(Rtnl.RTMSG_LEN)
                .put((byte) family).put((byte) r.prefixLength()).put((byte) 0).put((byte) 0)
                .put((byte) (r.table() > 255 ? Rtnl.RT_TABLE_COMPAT : r.table()))
                .put((byte) protocol).put((byte) scope).put((byte) r.type().code())
                .putInt(0).array();
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(msgType, flags).raw(rtmsg)
                .attrU32(Rtnl.RTA_TABLE, r.table());
        if (r.prefixLength() > 0 || !r.destination().isAnyLocalAddress()) {
            b.attrBytes(Rtnl.RTA_DST, r.destination().getAddress());
        }
        if (r.gateway() != null) {
            b.attrBytes(Rtnl.RTA_GATEWAY, r.gateway().getAddress());
        }
        if (r.ifindex() != 0) {
            b.attrU32(Rtnl.RTA_OIF, r.ifindex());
        }
        if (r.preferredSource() != null) {
            b.attrBytes(Rtnl.RTA_PREFSRC, r.preferredSource().getAddress());
        }
        if (r.metric() >= 0) {
            b.attrU32(Rtnl.RTA_PRIORITY, r.metric());
        }
        return b.build();
    }

    /** RTM_GETROUTE dump of one family (all tables). */
    public static ByteBuffer dumpRequest(int family) {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .raw(Structs.allocate(Rtnl.RTMSG_LEN).put((byte) family).array()).build();
    }

    /** Decodes an RTM_NEWROUTE/RTM_DELROUTE message. */
    public static Route decode(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWROUTE && m.type() != Rtnl.RTM_DELROUTE) {
            throw new IllegalArgumentException("not a route message: type " + m.type());
        }
        ByteBuffer p = m.payload();
        if (p.limit() < Rtnl.RTMSG_LEN) {
            throw new IllegalArgumentException("route message has " + p.limit() + " bytes, shorter than rtmsg");
        }
        int family = p.get(0);
        int dstLen = Byte.toUnsignedInt(p.get(1));
        int table = Byte.toUnsignedInt(p.get(4));
        int protocol = Byte.toUnsignedInt(p.get(5));
        int scope = Byte.toUnsignedInt(p.get(6));
        RouteType type = RouteType.of(Byte.toUnsignedInt(p.get(7)));
        NlAttributes a = m.attributes(Rtnl.RTMSG_LEN);
        if (a.has(Rtnl.RTA_TABLE)) {
            table = a.u32(Rtnl.RTA_TABLE);
        }
        InetAddress dst = a.has(Rtnl.RTA_DST) ? AddressCodec.inet(a.bytes(Rtnl.RTA_DST))
                : AddressCodec.inet(new byte[family == LibC.AF_INET6 ? 16 : 4]);
        InetAddress gateway = a.has(Rtnl.RTA_GATEWAY) ? AddressCodec.inet(a.bytes(Rtnl.RTA_GATEWAY)) : null;
        int oif = a.has(Rtnl.RTA_OIF) ? a.u32(Rtnl.RTA_OIF) : 0;
        InetAddress src = a.has(Rtnl.RTA_PREFSRC) ? AddressCodec.inet(a.bytes(Rtnl.RTA_PREFSRC)) : null;
        int metric = a.has(Rtnl.RTA_PRIORITY) ? a.u32(Rtnl.RTA_PRIORITY) : -1;
        if (type != RouteType.UNICAST) {
            // Local/broadcast routes carry an output device; keep the record's "no device unless unicast" rule.
            gateway = null;
            oif = 0;
        }
        return new Route(type, dst, dstLen, gateway, oif, src, scope, table, metric, protocol);
    }
}
