package dev.vigil.daemon.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code vigil status}, the metrics endpoint and the SIGUSR1 dump show: the daemon itself plus what each
 * subsystem contributed through its {@link StatusSource}. Immutable and independent of the subsystems' own types, so
 * renderers (table, JSON, Prometheus) depend on nothing but this.
 */
public record StatusSnapshot(Daemon daemon, List<Instance> instances, List<VirtualServer> virtualServers) {
    public StatusSnapshot {
        instances = List.copyOf(instances);
        virtualServers = List.copyOf(virtualServers);
    }

    /** The daemon's snapshot: {@code daemon} plus every part, in the order given. */
    public static StatusSnapshot of(Daemon daemon, List<Part> parts) {
        List<Instance> instances = new ArrayList<>();
        List<VirtualServer> servers = new ArrayList<>();
        for (Part p : parts) {
            instances.addAll(p.instances());
            servers.addAll(p.virtualServers());
        }
        return new StatusSnapshot(daemon, instances, servers);
    }

    /**
     * The process.
     *
     * @param lastReload       when the last SIGHUP reload finished; null when none happened
     * @param lastReloadResult {@code applied} or {@code aborted (running configuration kept)}; null when none happened
     */
    public record Daemon(String version, long pid, Instant started, String configFile, Instant lastReload,
                         String lastReloadResult) {
    }

    /**
     * One VRRP instance.
     *
     * @param state      keepalived's state name: INIT, BACKUP, MASTER, FAULT, STOP
     * @param master     the current master's address, null when unknown
     * @param lastChange when the last state transition happened, null before the first
     * @param lastReason why it happened (null before the first)
     * @param syncGroup  the vrrp_sync_group it belongs to, null when none
     * @param counters   keepalived's statistics by counter name (e.g. {@code ADVERT_RECEIVED}), in a stable order
     */
    public record Instance(String name, String interfaceName, int vrid, String state, int basePriority,
                           int effectivePriority, String master, List<String> vips, boolean vipsSet,
                           Instant lastChange, String lastReason, String syncGroup, Map<String, Long> counters) {
        public Instance {
            vips = List.copyOf(vips);
            counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        }
    }

    /**
     * One virtual_server.
     *
     * @param address     {@code IP:port}, {@code FWM n} or {@code group NAME}, as keepalived prints it
     * @param protocol    TCP, UDP or SCTP
     * @param quorumUp    the checker side's quorum state (keepalived's, hysteresis included)
     * @param weightSum   the summed weight of the healthy real servers
     * @param sorryServerActive the sorry server stands in for the real servers
     * @param suspended   {@code ha_suspend} holds its checkers (its address is not on this host)
     */
    public record VirtualServer(String address, String protocol, String scheduler, int quorum, boolean quorumUp,
                                long weightSum, boolean sorryServerActive, boolean suspended,
                                List<RealServer> realServers) {
        public VirtualServer {
            realServers = List.copyOf(realServers);
        }

        /** Without the checker side's extra state: the weight sum of the healthy servers, no sorry server. */
        public VirtualServer(String address, String protocol, String scheduler, int quorum, boolean quorumUp,
                             List<RealServer> realServers) {
            this(address, protocol, scheduler, quorum, quorumUp, realServers.stream().filter(RealServer::healthy)
                    .mapToLong(RealServer::weight).sum(), false, false, realServers);
        }
    }

    /**
     * One real_server.
     *
     * @param healthy    whether its checkers currently pass (it is in the IPVS table with its weight)
     * @param lastChange when its health last changed, null when never
     * @param lastReason the failing or recovering checker's message, null when none
     * @param inTable    it is an IPVS destination now (a healthy one is not while the sorry server stands in; a
     *                   failed one is, with weight 0, under {@code inhibit_on_failure})
     */
    public record RealServer(String address, int port, int weight, boolean healthy, Instant lastChange,
                             String lastReason, boolean inTable) {
        /** In the table exactly when healthy. */
        public RealServer(String address, int port, int weight, boolean healthy, Instant lastChange,
                          String lastReason) {
            this(address, port, weight, healthy, lastChange, lastReason, healthy);
        }
    }

    /** A subsystem's share of the snapshot ({@link StatusSource#contribute()}). */
    public record Part(List<Instance> instances, List<VirtualServer> virtualServers) {
        public Part {
            instances = List.copyOf(instances);
            virtualServers = List.copyOf(virtualServers);
        }

        public static Part ofInstances(List<Instance> instances) {
            return new Part(instances, List.of());
        }

        public static Part ofVirtualServers(List<VirtualServer> servers) {
            return new Part(List.of(), servers);
        }
    }
}
