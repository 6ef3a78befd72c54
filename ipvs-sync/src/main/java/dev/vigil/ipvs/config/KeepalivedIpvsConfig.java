package dev.vigil.ipvs.config;

import dev.vigil.conf.model.ForwardingMethod;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.LvsSyncDaemon;
import dev.vigil.conf.model.RealServer;
import dev.vigil.conf.model.SorryServer;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.model.ServiceFlags;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.reconcile.StopPolicy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the parsed keepalived.conf ({@code dev.vigil.conf.model}) to what this module runs on: virtual server specs,
 * {@code lvs_flush}, {@code lvs_flush_on_stop}, {@code lvs_timeouts} and {@code lvs_sync_daemon}.
 *
 * @param virtualServers every virtual server, groups expanded
 * @param lvsFlush       flush the whole table at start
 * @param timeouts       {@code lvs_timeouts}, or null when none is set
 * @param syncDaemon     {@code lvs_sync_daemon} (state BACKUP; the controller switches it), or null
 * @param syncInstance   the VRRP instance the sync daemon follows, or null (then both daemons run)
 * @param lvsFlushOnStop flush the whole table at stop instead of removing Vigil's services one by one
 */
public record KeepalivedIpvsConfig(List<VirtualServerSpec> virtualServers, boolean lvsFlush, IpvsTimeouts timeouts,
                                   SyncDaemonConfig syncDaemon, String syncInstance, boolean lvsFlushOnStop) {
    public KeepalivedIpvsConfig {
        virtualServers = List.copyOf(virtualServers);
    }

    public static KeepalivedIpvsConfig from(KeepalivedConfig config) {
        Map<String, VirtualServerGroup> groups = new HashMap<>();
        config.virtualServerGroups().forEach(g -> groups.put(g.name(), g));
        Map<String, Integer> groupMembers = new HashMap<>();
        List<VirtualServerSpec> specs = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            int memberNo = 0;
            if (vs.address() instanceof VirtualServerAddress.Group g) {
                memberNo = groupMembers.merge(g.name(), 1, Integer::sum) - 1;
            }
            specs.add(virtualServer(vs, groups, memberNo));
        }
        GlobalDefs g = config.globalDefs();
        LvsSyncDaemon sync = g.lvsSyncDaemon();
        return new KeepalivedIpvsConfig(specs, g.lvsFlush(), timeouts(g), sync == null ? null : syncDaemon(sync, config),
                sync == null ? null : sync.vrrpInstance(), g.lvsFlushOnStop());
    }

    /** What to do at stop: {@code -I} leaves everything, {@code lvs_flush_on_stop} flushes, else removal. */
    public StopPolicy stopPolicy(boolean dontReleaseIpvs) {
        return dontReleaseIpvs ? StopPolicy.DONT_RELEASE : lvsFlushOnStop ? StopPolicy.FLUSH : StopPolicy.REMOVE;
    }

    static VirtualServerSpec virtualServer(VirtualServer vs, Map<String, VirtualServerGroup> groups, int memberNo) {
        IpvsProtocol protocol = vs.protocol() == null ? IpvsProtocol.TCP
                : IpvsProtocol.valueOf(vs.protocol().toUpperCase(Locale.ROOT));
        int family = "inet6".equals(vs.ipFamily()) ? ServiceKey.AF_INET6 : ServiceKey.AF_INET;
        VirtualServerSpec.Builder b;
        if (vs.address() instanceof VirtualServerAddress.IpPort ip) {
            b = VirtualServerSpec.builder(protocol, ip.address(), ip.port());
        } else if (vs.address() instanceof VirtualServerAddress.Fwmark fw) {
            b = VirtualServerSpec.fwmarkBuilder(fw.family() != null ? familyOf(fw.family()) : family, (int) fw.mark());
        } else {
            VirtualServerAddress.Group grp = (VirtualServerAddress.Group) vs.address();
            VirtualServerGroup group = groups.get(grp.name());
            if (group == null) {
                throw new IllegalArgumentException("virtual_server_group " + grp.name() + " is not configured");
            }
            List<VirtualServerGroupEntry> entries = new ArrayList<>();
            for (dev.vigil.conf.model.VirtualServerGroupEntry e : group.entries()) {
                entries.add(e.isFwmark()
                        ? VirtualServerGroupEntry.fwmark((int) e.fwmark(), e.family() != null ? familyOf(e.family()) : family)
                        : new VirtualServerGroupEntry(e.first(), e.last(), e.port(), 0, 0));
            }
            b = VirtualServerSpec.groupBuilder(grp.name(), memberNo, protocol, entries);
        }
        b.scheduler(vs.scheduler() != null ? vs.scheduler() : VirtualServerSpec.DEFAULT_SCHEDULER)
                .forward(forward(vs.method(), ForwardMethod.NAT))
                .schedulerFlags(schedulerFlags(vs.schedulerFlags()))
                .quorum(vs.quorum(), vs.hysteresis())
                .inhibitOnFailure(vs.inhibitOnFailure());
        if (vs.persistenceTimeout() != null) {
            b.persistence((int) vs.persistenceTimeout().toSeconds());
        }
        if (vs.persistenceGranularity() != null) {
            b.granularity(prefixLength(vs.persistenceGranularity()));
        }
        if (vs.persistenceEngine() != null) {
            b.persistenceEngine(vs.persistenceEngine());
        }
        SorryServer sorry = vs.sorryServer();
        if (sorry != null) {
            b.sorryServer(RealServerSpec.of(sorry.address(), sorry.port()).withForward(forward(sorry.method(), null)),
                    sorry.inhibit());
        }
        for (RealServer rs : vs.realServers()) {
            // alpha is a checker's starting state: a real server without checkers has nothing to wait for
            boolean alpha = (rs.alpha() || vs.alpha()) && !rs.checkers().isEmpty();
            b.realServer(new RealServerSpec(rs.address(), rs.port(), rs.weight(), forward(rs.method(), null),
                    rs.inhibitOnFailure(), rs.upperThreshold(), rs.lowerThreshold(), alpha, null));
        }
        return b.build();
    }

    static int schedulerFlags(List<String> names) {
        int flags = 0;
        for (String f : names) {
            flags |= switch (f) {
                case "ops" -> ServiceFlags.ONEPACKET;
                case "flag-1", "sh-fallback", "mh-fallback" -> ServiceFlags.SCHED1;
                case "flag-2", "sh-port", "mh-port" -> ServiceFlags.SCHED2;
                case "flag-3" -> ServiceFlags.SCHED3;
                default -> 0;   // "hashed" is the kernel's own flag
            };
        }
        return flags;
    }

    /** A netmask given as an address (255.255.255.0, ffff:ffff::) as a prefix length. */
    static int prefixLength(InetAddress mask) {
        int prefix = 0;
        for (byte b : mask.getAddress()) {
            int ones = Integer.numberOfLeadingZeros(~(b & 0xff) & 0xff) - 24;
            prefix += ones;
            if (ones < 8) {
                break;
            }
        }
        return prefix;
    }

    static IpvsTimeouts timeouts(GlobalDefs g) {
        if (g.lvsTimeoutTcp() == null && g.lvsTimeoutTcpFin() == null && g.lvsTimeoutUdp() == null) {
            return null;
        }
        return new IpvsTimeouts(seconds(g.lvsTimeoutTcp()), seconds(g.lvsTimeoutTcpFin()), seconds(g.lvsTimeoutUdp()));
    }

    /** The sync daemon; its syncid defaults (0 in the model) to the VRID of the instance it follows. */
    static SyncDaemonConfig syncDaemon(LvsSyncDaemon d, KeepalivedConfig config) {
        int syncId = d.syncId();
        if (syncId == 0 && d.vrrpInstance() != null) {
            syncId = config.vrrpInstance(d.vrrpInstance()).map(i -> i.virtualRouterId()).orElse(0);
        }
        return new SyncDaemonConfig(SyncDaemonConfig.State.BACKUP, d.interfaceName(), syncId, d.maxLen(), d.group(),
                d.port(), d.ttl());
    }

    private static int seconds(Duration d) {
        return d == null ? 0 : (int) d.toSeconds();
    }

    private static int familyOf(String family) {
        return "inet6".equals(family) ? ServiceKey.AF_INET6 : ServiceKey.AF_INET;
    }

    private static ForwardMethod forward(ForwardingMethod m, ForwardMethod absent) {
        if (m == null) {
            return absent;
        }
        return switch (m) {
            case NAT -> ForwardMethod.NAT;
            case DR -> ForwardMethod.DR;
            case TUN -> ForwardMethod.TUN;
        };
    }
}
