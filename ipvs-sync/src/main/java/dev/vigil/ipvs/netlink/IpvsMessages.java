package dev.vigil.ipvs.netlink;

import dev.vigil.ipvs.model.Addresses;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.Tunnel;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkMessageBuilder;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

import static dev.vigil.ipvs.netlink.IpvsGenl.*;

/**
 * Builds every IPVS generic-netlink request for one resolved family id. Byte layout follows the kernel's parser
 * ({@code net/netfilter/ipvs/ip_vs_ctl.c}): addresses as 16-byte {@code nf_inet_addr}, ports big-endian, and the
 * "full entry" attributes NEW/SET need (SCHED_NAME, FLAGS, TIMEOUT, NETMASK for a service; FWD_METHOD, WEIGHT,
 * U/L_THRESH for a destination; TUN_TYPE/PORT/FLAGS only for a GUE or GRE tunnel). No I/O.
 */
public final class IpvsMessages {
    private static final int ACKED = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;
    private static final int DUMP = Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP;

    private final int familyId;
    private volatile EncodedKey lastKey;

    public IpvsMessages(int familyId) {
        this.familyId = familyId;
    }

    public int familyId() {
        return familyId;
    }

    public ByteBuffer newService(IpvsService s) {
        return serviceCommand(CMD_NEW_SERVICE, s);
    }

    public ByteBuffer setService(IpvsService s) {
        return serviceCommand(CMD_SET_SERVICE, s);
    }

    public ByteBuffer delService(ServiceKey key) {
        NetlinkMessageBuilder b = start(CMD_DEL_SERVICE, ACKED);
        serviceKey(b, key);
        return b.build();
    }

    /** One service (reply: one message with its attributes and statistics). */
    public ByteBuffer getService(ServiceKey key) {
        NetlinkMessageBuilder b = start(CMD_GET_SERVICE, Netlink.NLM_F_REQUEST);
        serviceKey(b, key);
        return b.build();
    }

    /** Every service (multi-part reply). */
    public ByteBuffer dumpServices() {
        return start(CMD_GET_SERVICE, DUMP).build();
    }

    public ByteBuffer newDest(ServiceKey service, IpvsDest d) {
        return destCommand(CMD_NEW_DEST, service, d);
    }

    public ByteBuffer setDest(ServiceKey service, IpvsDest d) {
        return destCommand(CMD_SET_DEST, service, d);
    }

    public ByteBuffer delDest(ServiceKey service, DestKey d) {
        NetlinkMessageBuilder b = start(CMD_DEL_DEST, ACKED);
        serviceKey(b, service);
        int mark = b.beginNested(CMD_ATTR_DEST);
        destKey(b, d.address(), d.port());
        b.endNested(mark);
        return b.build();
    }

    /** Every destination of one service (multi-part reply). */
    public ByteBuffer dumpDests(ServiceKey service) {
        NetlinkMessageBuilder b = start(CMD_GET_DEST, DUMP);
        serviceKey(b, service);
        return b.build();
    }

    /** Removes every service (and so every destination). */
    public ByteBuffer flush() {
        return start(CMD_FLUSH, ACKED).build();
    }

    /** Zeroes the counters of one service, or of all when {@code key} is null. */
    public ByteBuffer zero(ServiceKey key) {
        NetlinkMessageBuilder b = start(CMD_ZERO, ACKED);
        if (key != null) {
            serviceKey(b, key);
        }
        return b.build();
    }

    /** Starts a sync daemon; optional settings left at 0/null are not sent, so the kernel's defaults apply. */
    public ByteBuffer newDaemon(SyncDaemonConfig c) {
        NetlinkMessageBuilder b = start(CMD_NEW_DAEMON, ACKED);
        int mark = b.beginNested(CMD_ATTR_DAEMON);
        b.attrU32(DAEMON_ATTR_STATE, c.state().code());
        b.attrString(DAEMON_ATTR_MCAST_IFN, c.mcastIfn());
        b.attrU32(DAEMON_ATTR_SYNC_ID, c.syncId());
        if (c.maxLen() != 0) {
            b.attrU16(DAEMON_ATTR_SYNC_MAXLEN, c.maxLen());
        }
        if (c.group() != null) {
            if (c.group() instanceof Inet4Address) {
                b.attrBytes(DAEMON_ATTR_MCAST_GROUP, c.group().getAddress());
            } else {
                b.attrBytes(DAEMON_ATTR_MCAST_GROUP6, c.group().getAddress());
            }
        }
        if (c.port() != 0) {
            b.attrU16(DAEMON_ATTR_MCAST_PORT, c.port());
        }
        if (c.ttl() != 0) {
            b.attrU8(DAEMON_ATTR_MCAST_TTL, c.ttl());
        }
        b.endNested(mark);
        return b.build();
    }

    public ByteBuffer delDaemon(SyncDaemonConfig.State state) {
        NetlinkMessageBuilder b = start(CMD_DEL_DAEMON, ACKED);
        int mark = b.beginNested(CMD_ATTR_DAEMON);
        b.attrU32(DAEMON_ATTR_STATE, state.code());
        b.endNested(mark);
        return b.build();
    }

    /** The running sync daemons (the kernel only implements this as a dump). */
    public ByteBuffer dumpDaemons() {
        return start(CMD_GET_DAEMON, DUMP).build();
    }

    public ByteBuffer getInfo() {
        return start(CMD_GET_INFO, Netlink.NLM_F_REQUEST).build();
    }

    /** Sets connection timeouts; a 0 field leaves that timeout unchanged (the kernel ignores zero). */
    public ByteBuffer setConfig(IpvsTimeouts t) {
        NetlinkMessageBuilder b = start(CMD_SET_CONFIG, ACKED);
        b.attrU32(CMD_ATTR_TIMEOUT_TCP, t.tcp());
        b.attrU32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin());
        b.attrU32(CMD_ATTR_TIMEOUT_UDP, t.udp());
        return b.build();
    }

    public ByteBuffer getConfig() {
        return start(CMD_GET_CONFIG, Netlink.NLM_F_REQUEST).build();
    }

    // --- layouts -------------------------------------------------------------------------------------------------

    private NetlinkMessageBuilder start(int cmd, int flags) {
        return new NetlinkMessageBuilder(familyId, flags).genlHeader(cmd, VERSION);
    }

    private ByteBuffer serviceCommand(int cmd, IpvsService s) {
        NetlinkMessageBuilder b = start(cmd, ACKED);
        int mark = b.beginNested(CMD_ATTR_SERVICE);
        serviceKeyAttributes(b, s.key());
        b.attrString(SVC_ATTR_SCHED_NAME, s.scheduler());
        if (!s.peName().isEmpty()) {
            b.attrString(SVC_ATTR_PE_NAME, s.peName());
        }
        // struct ip_vs_flags {u32 flags; u32 mask}: mask ~0 replaces every flag, as libipvs does
        b.attrBytes(SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder())
                .putInt(s.flags()).putInt(-1).array());
        b.attrU32(SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == ServiceKey.AF_INET6) {
            b.attrU32(SVC_ATTR_NETMASK, s.granularity());   // IPv6: a prefix length
        } else {
            b.attrU32Be(SVC_ATTR_NETMASK, ipv4Mask(s.granularity()));   // IPv4: the mask in network order
        }
        b.endNested(mark);
        return b.build();
    }

    /**
     * The nested SERVICE key. The encoding of the last key is kept: consecutive requests mostly name the same service
     * (a thousand NEW_DESTs of one virtual server at start), and copying its bytes is much cheaper than encoding them
     * again while the JIT has not compiled this yet.
     */
    private void serviceKey(NetlinkMessageBuilder b, ServiceKey key) {
        EncodedKey last = lastKey;
        if (last == null || last.key != key) {
            NetlinkMessageBuilder scratch = new NetlinkMessageBuilder(0, 0);
            int mark = scratch.beginNested(CMD_ATTR_SERVICE);
            serviceKeyAttributes(scratch, key);
            scratch.endNested(mark);
            ByteBuffer built = scratch.build().position(Netlink.NLMSG_HDRLEN);
            byte[] nest = new byte[built.remaining()];
            built.get(nest);
            last = new EncodedKey(key, nest);
            lastKey = last;
        }
        b.raw(last.nest);
    }

    /** A service key (compared by identity) and its nested SERVICE attribute. */
    private record EncodedKey(ServiceKey key, byte[] nest) {
    }

    private static void serviceKeyAttributes(NetlinkMessageBuilder b, ServiceKey key) {
        b.attrU16(SVC_ATTR_AF, key.family());
        if (key.isFwmark()) {
            b.attrU32(SVC_ATTR_FWMARK, key.fwmark());
        } else {
            b.attrU16(SVC_ATTR_PROTOCOL, key.protocol().number());
            b.attrBytes(SVC_ATTR_ADDR, Addresses.toNfInetAddr(key.address()));
            b.attrU16Be(SVC_ATTR_PORT, key.port());
        }
    }

    private ByteBuffer destCommand(int cmd, ServiceKey service, IpvsDest d) {
        NetlinkMessageBuilder b = start(cmd, ACKED);
        serviceKey(b, service);
        int mark = b.beginNested(CMD_ATTR_DEST);
        destKey(b, d.address(), d.port());
        b.attrU32(DEST_ATTR_FWD_METHOD, d.forward().code());
        b.attrU32(DEST_ATTR_WEIGHT, d.weight());
        b.attrU32(DEST_ATTR_U_THRESH, d.upperThreshold());
        b.attrU32(DEST_ATTR_L_THRESH, d.lowerThreshold());
        if (d.tunnel() != Tunnel.IPIP && !d.tunnel().equals(Tunnel.IPIP)) {   // identity first: cheap before JIT
            b.attrU8(DEST_ATTR_TUN_TYPE, d.tunnel().type().code());
            b.attrU16Be(DEST_ATTR_TUN_PORT, d.tunnel().port());
            b.attrU16(DEST_ATTR_TUN_FLAGS, d.tunnel().flags());
        }
        b.endNested(mark);
        return b.build();
    }

    private static void destKey(NetlinkMessageBuilder b, java.net.InetAddress address, int port) {
        b.attrBytes(DEST_ATTR_ADDR, Addresses.toNfInetAddr(address));
        b.attrU16Be(DEST_ATTR_PORT, port);
        b.attrU16(DEST_ATTR_ADDR_FAMILY, ServiceKey.familyOf(address));
    }

    static int ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
    }
}
