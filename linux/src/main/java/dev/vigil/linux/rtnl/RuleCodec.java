package dev.vigil.linux.rtnl;

import dev.vigil.linux.Structs;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;
import dev.vigil.linux.netlink.NlAttributes;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Encodes RTM_NEWRULE/RTM_DELRULE/RTM_GETRULE and decodes rule messages ({@code fib_rule_hdr} + FRA_*). */
public final class RuleCodec {
    private RuleCodec() {
    }

    public static ByteBuffer addRequest(Rule r) {
        return request(Rtnl.RTM_NEWRULE,
                Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r);
    }

    public static ByteBuffer deleteRequest(Rule r) {
        return request(Rtnl.RTM_DELRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, r);
    }

    public static ByteBuffer dumpRequest(int family) {
        return new NetlinkMessageBuilder(Rtnl.RTM_GETRULE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP)
                .raw(Structs.allocate(Rtnl.FIB_RULE_HDR_LEN).put((byte) family).array()).build();
    }

    private static ByteBuffer request(int type, int flags, Rule r) {
        byte[] hdr = Structs.allocate(Rtnl.FIB_RULE_HDR_LEN)
                .put((byte) r.family()).put((byte) (r.to() == null ? 0 : r.toLength()))
                .put((byte) (r.from() == null ? 0 : r.fromLength())).put((byte) 0)
                .put((byte) (r.table() > 255 ? Rtnl.RT_TABLE_UNSPEC : r.table())).put((byte) 0).put((byte) 0)
                .put((byte) r.action().code()).putInt(r.invert() ? Rtnl.FIB_RULE_INVERT : 0).array();
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(type, flags).raw(hdr);
        if (r.from() != null) {
            b.attrBytes(Rtnl.FRA_SRC, r.from().getAddress());
        }
        if (r.to() != null) {
            b.attrBytes(Rtnl.FRA_DST, r.to().getAddress());
        }
        if (r.priority() >= 0) {
            b.attrU32(Rtnl.FRA_PRIORITY, r.priority());
        }
        if (r.fwmark() >= 0) {
            b.attrU32(Rtnl.FRA_FWMARK, (int) r.fwmark());
        }
        if (r.fwmask() >= 0) {
            b.attrU32(Rtnl.FRA_FWMASK, (int) r.fwmask());
        }
        if (r.iif() != null) {
            b.attrString(Rtnl.FRA_IIFNAME, r.iif());
        }
        if (r.oif() != null) {
            b.attrString(Rtnl.FRA_OIFNAME, r.oif());
        }
        if (r.table() > 0) {
            b.attrU32(Rtnl.FRA_TABLE, r.table());
        }
        if (type == Rtnl.RTM_NEWRULE) {
            b.attrU8(Rtnl.FRA_PROTOCOL, r.protocol()); // on delete, any originator matches
        }
        return b.build();
    }

    public static Rule decode(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWRULE && m.type() != Rtnl.RTM_DELRULE) {
            throw new IllegalArgumentException("not a rule message: type " + m.type());
        }
        ByteBuffer p = m.payload();
        if (p.limit() < Rtnl.FIB_RULE_HDR_LEN) {
            throw new IllegalArgumentException("rule message has " + p.limit() + " bytes, shorter than fib_rule_hdr");
        }
        NlAttributes a = m.attributes(Rtnl.FIB_RULE_HDR_LEN);
        InetAddress from = a.has(Rtnl.FRA_SRC) ? AddressCodec.inet(a.bytes(Rtnl.FRA_SRC)) : null;
        InetAddress to = a.has(Rtnl.FRA_DST) ? AddressCodec.inet(a.bytes(Rtnl.FRA_DST)) : null;
        int table = a.has(Rtnl.FRA_TABLE) ? a.u32(Rtnl.FRA_TABLE) : Byte.toUnsignedInt(p.get(4));
        return new Rule(p.get(0), RuleAction.of(Byte.toUnsignedInt(p.get(7))), from, Byte.toUnsignedInt(p.get(2)),
                to, Byte.toUnsignedInt(p.get(1)),
                a.has(Rtnl.FRA_FWMARK) ? Integer.toUnsignedLong(a.u32(Rtnl.FRA_FWMARK)) : -1,
                a.has(Rtnl.FRA_FWMASK) ? Integer.toUnsignedLong(a.u32(Rtnl.FRA_FWMASK)) : -1,
                a.has(Rtnl.FRA_IIFNAME) ? a.string(Rtnl.FRA_IIFNAME) : null,
                a.has(Rtnl.FRA_OIFNAME) ? a.string(Rtnl.FRA_OIFNAME) : null,
                a.has(Rtnl.FRA_PRIORITY) ? a.u32(Rtnl.FRA_PRIORITY) : -1,
                table, (p.getInt(8) & Rtnl.FIB_RULE_INVERT) != 0,
                a.has(Rtnl.FRA_PROTOCOL) ? a.u8(Rtnl.FRA_PROTOCOL) : 0);
    }
}
