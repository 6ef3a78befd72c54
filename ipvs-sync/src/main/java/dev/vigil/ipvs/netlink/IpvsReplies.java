package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsInfo;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsSnapshot;
import dev.vigil.ipvs.model.IpvsStats;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.Tunnel;
import dev.vigil.linux.netlink.GenericNetlink;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NlAttributes;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static dev.vigil.ipvs.netlink.IpvsGenl.*;

/**
 * Decodes the kernel's IPVS replies: each argument is the list of reply messages {@code NetlinkSocket.request}
 * returned (one per message, header included; several for a dump). A reply missing a mandatory attribute or with a
 * malformed one is an {@link IllegalArgumentException} naming it. No I/O.
 */
public final class IpvsReplies {
    private IpvsReplies() {
    }

    /** Services of a GET_SERVICE dump (or the single reply of a GET_SERVICE request), with statistics. */
    public static List<ServiceReply> services(List<ByteBuffer> replies) {
        return each(replies, CMD_ATTR_SERVICE, IpvsReplies::service);
    }

    /** A service and its statistics (destinations come from a separate GET_DEST dump). */
    public record ServiceReply(IpvsService service, IpvsStats stats) {
    }

    /** Destinations of a GET_DEST dump; {@code serviceFamily} is used when the kernel omits ADDR_FAMILY. */
    public static List<IpvsSnapshot.Dest> dests(List<ByteBuffer> replies, int serviceFamily) {
        return each(replies, CMD_ATTR_DEST, a -> dest(a, serviceFamily));
    }

    /** Sync daemons of a GET_DAEMON dump. */
    public static List<SyncDaemonConfig> daemons(List<ByteBuffer> replies) {
        return each(replies, CMD_ATTR_DAEMON, IpvsReplies::daemon);
    }

    /** The GET_INFO reply. */
    public static IpvsInfo info(List<ByteBuffer> replies) {
        NlAttributes a = single(replies);
        return new IpvsInfo(req(a, INFO_ATTR_VERSION, "INFO_ATTR_VERSION", NlAttributes::u32),
                req(a, INFO_ATTR_CONN_TAB_SIZE, "INFO_ATTR_CONN_TAB_SIZE", NlAttributes::u32));
    }

    /** The GET_CONFIG reply. */
    public static IpvsTimeouts timeouts(List<ByteBuffer> replies) {
        NlAttributes a = single(replies);
        return new IpvsTimeouts(req(a, CMD_ATTR_TIMEOUT_TCP, "TIMEOUT_TCP", NlAttributes::u32),
                req(a, CMD_ATTR_TIMEOUT_TCP_FIN, "TIMEOUT_TCP_FIN", NlAttributes::u32),
                req(a, CMD_ATTR_TIMEOUT_UDP, "TIMEOUT_UDP", NlAttributes::u32));
    }

    static ServiceReply service(NlAttributes a) {
        int family = req(a, SVC_ATTR_AF, "SVC_ATTR_AF", NlAttributes::u16);
        int fwmark = opt(a, SVC_ATTR_FWMARK, NlAttributes::u32, 0);
        ServiceKey key;
        if (fwmark != 0) {
            key = ServiceKey.fwmark(family, fwmark);
        } else {
            InetAddress address = Addresses.fromNfInetAddr(req(a, SVC_ATTR_ADDR, "SVC_ATTR_ADDR", NlAttributes::bytes),
                    family);
            IpvsProtocol protocol = IpvsProtocol.fromNumber(req(a, SVC_ATTR_PROTOCOL, "SVC_ATTR_PROTOCOL",
                    NlAttributes::u16));
            int port = req(a, SVC_ATTR_PORT, "SVC_ATTR_PORT", NlAttributes::u16Be);
            key = new ServiceKey(family, protocol, address, port, 0);
        }
        int flags = req(a, SVC_ATTR_FLAGS, "SVC_ATTR_FLAGS", NlAttributes::u32) & ~ServiceFlags.HASHED;
        int granularity = family == ServiceKey.AF_INET6
                ? req(a, SVC_ATTR_NETMASK, "SVC_ATTR_NETMASK", NlAttributes::u32)           // a prefix length
                : prefixOf(req(a, SVC_ATTR_NETMASK, "SVC_ATTR_NETMASK", NlAttributes::u32Be)); // a network-order mask
        IpvsService service = new IpvsService(key, req(a, SVC_ATTR_SCHED_NAME, "SVC_ATTR_SCHED_NAME",
                NlAttributes::string), flags, req(a, SVC_ATTR_TIMEOUT, "SVC_ATTR_TIMEOUT", NlAttributes::u32),
                granularity, opt(a, SVC_ATTR_PE_NAME, NlAttributes::string, ""));
        return new ServiceReply(service, stats(a, SVC_ATTR_STATS, SVC_ATTR_STATS64));
    }

    static IpvsSnapshot.Dest dest(NlAttributes a, int serviceFamily) {
        int family = opt(a, DEST_ATTR_ADDR_FAMILY, NlAttributes::u16, serviceFamily);
        InetAddress address = Addresses.fromNfInetAddr(req(a, DEST_ATTR_ADDR, "DEST_ATTR_ADDR", NlAttributes::bytes),
                family);
        IpvsDest dest = new IpvsDest(address, req(a, DEST_ATTR_PORT, "DEST_ATTR_PORT", NlAttributes::u16Be),
                ForwardMethod.fromCode(req(a, DEST_ATTR_FWD_METHOD, "DEST_ATTR_FWD_METHOD", NlAttributes::u32)),
                req(a, DEST_ATTR_WEIGHT, "DEST_ATTR_WEIGHT", NlAttributes::u32),
                opt(a, DEST_ATTR_U_THRESH, NlAttributes::u32, 0), opt(a, DEST_ATTR_L_THRESH, NlAttributes::u32, 0),
                tunnel(a));
        return new IpvsSnapshot.Dest(dest, opt(a, DEST_ATTR_ACTIVE_CONNS, NlAttributes::u32, 0),
                opt(a, DEST_ATTR_INACT_CONNS, NlAttributes::u32, 0),
                opt(a, DEST_ATTR_PERSIST_CONNS, NlAttributes::u32, 0),
                stats(a, DEST_ATTR_STATS, DEST_ATTR_STATS64));
    }

    private static Tunnel tunnel(NlAttributes a) {
        int type = opt(a, DEST_ATTR_TUN_TYPE, NlAttributes::u8, Tunnel.Type.IPIP.code());
        if (type == Tunnel.Type.IPIP.code()) {
            return Tunnel.IPIP;
        }
        return new Tunnel(Tunnel.Type.fromCode(type), opt(a, DEST_ATTR_TUN_PORT, NlAttributes::u16Be, 0),
                opt(a, DEST_ATTR_TUN_FLAGS, NlAttributes::u16, 0));
    }

    static SyncDaemonConfig daemon(NlAttributes a) {
        InetAddress group = null;
        if (a.has(DAEMON_ATTR_MCAST_GROUP6)) {
            group = Addresses.fromNfInetAddr(a.bytes(DAEMON_ATTR_MCAST_GROUP6), ServiceKey.AF_INET6);
        } else if (a.has(DAEMON_ATTR_MCAST_GROUP)) {
            group = Addresses.fromNfInetAddr(a.bytes(DAEMON_ATTR_MCAST_GROUP), ServiceKey.AF_INET);
        }
        return new SyncDaemonConfig(
                SyncDaemonConfig.State.fromCode(req(a, DAEMON_ATTR_STATE, "DAEMON_ATTR_STATE", NlAttributes::u32)),
                req(a, DAEMON_ATTR_MCAST_IFN, "DAEMON_ATTR_MCAST_IFN", NlAttributes::string),
                req(a, DAEMON_ATTR_SYNC_ID, "DAEMON_ATTR_SYNC_ID", NlAttributes::u32),
                opt(a, DAEMON_ATTR_SYNC_MAXLEN, NlAttributes::u16, 0), group,
                opt(a, DAEMON_ATTR_MCAST_PORT, NlAttributes::u16, 0),
                opt(a, DAEMON_ATTR_MCAST_TTL, NlAttributes::u8, 0));
    }

    /** 64-bit counters when the kernel sends them, else the legacy set (32-bit except the byte counters). */
    static IpvsStats stats(NlAttributes parent, int statsType, int stats64Type) {
        if (parent.has(stats64Type)) {
            NlAttributes s = parent.nested(stats64Type);
            return new IpvsStats(u64(s, STATS_ATTR_CONNS), u64(s, STATS_ATTR_INPKTS), u64(s, STATS_ATTR_OUTPKTS),
                    u64(s, STATS_ATTR_INBYTES), u64(s, STATS_ATTR_OUTBYTES), u64(s, STATS_ATTR_CPS),
                    u64(s, STATS_ATTR_INPPS), u64(s, STATS_ATTR_OUTPPS), u64(s, STATS_ATTR_INBPS),
                    u64(s, STATS_ATTR_OUTBPS));
        }
        if (parent.has(statsType)) {
            NlAttributes s = parent.nested(statsType);
            return new IpvsStats(u32(s, STATS_ATTR_CONNS), u32(s, STATS_ATTR_INPKTS), u32(s, STATS_ATTR_OUTPKTS),
                    u64(s, STATS_ATTR_INBYTES), u64(s, STATS_ATTR_OUTBYTES), u32(s, STATS_ATTR_CPS),
                    u32(s, STATS_ATTR_INPPS), u32(s, STATS_ATTR_OUTPPS), u32(s, STATS_ATTR_INBPS),
                    u32(s, STATS_ATTR_OUTBPS));
        }
        return IpvsStats.ZERO;
    }

    /** Prefix length of a contiguous IPv4 mask given in network order. */
    static int prefixOf(int mask) {
        int prefix = Integer.numberOfLeadingZeros(~mask);
        if (prefix < 32 && (mask << prefix) != 0) {
            throw new IllegalArgumentException("non-contiguous IPv4 netmask 0x" + Integer.toHexString(mask));
        }
        return prefix;
    }

    private static <T> List<T> each(List<ByteBuffer> replies, int nestedType, Function<NlAttributes, T> decode) {
        List<T> out = new ArrayList<>(replies.size());
        for (ByteBuffer reply : replies) {
            for (NetlinkMessage m : NetlinkMessage.parseAll(reply)) {
                NlAttributes top = m.attributes(GenericNetlink.GENL_HDRLEN);
                if (top.has(nestedType)) {
                    out.add(decode.apply(top.nested(nestedType)));
                }
            }
        }
        return out;
    }

    private static NlAttributes single(List<ByteBuffer> replies) {
        if (replies.size() != 1) {
            throw new IllegalArgumentException("expected one reply message, got " + replies.size());
        }
        return NetlinkMessage.parse(replies.get(0)).attributes(GenericNetlink.GENL_HDRLEN);
    }

    /** A mandatory attribute; its absence is an error naming it. */
    private static <T> T req(NlAttributes a, int type, String name, BiFunction<NlAttributes, Integer, T> get) {
        if (!a.has(type)) {
            throw new IllegalArgumentException("IPVS reply lacks " + name + " (" + type + ")");
        }
        return get.apply(a, type);
    }

    /** An optional attribute (older kernels omit the newer ones). */
    private static <T> T opt(NlAttributes a, int type, BiFunction<NlAttributes, Integer, T> get, T absent) {
        return a.has(type) ? get.apply(a, type) : absent;
    }

    private static long u32(NlAttributes a, int type) {
        return a.has(type) ? Integer.toUnsignedLong(a.u32(type)) : 0;
    }

    private static long u64(NlAttributes a, int type) {
        return a.has(type) ? a.u64(type) : 0;
    }
}
