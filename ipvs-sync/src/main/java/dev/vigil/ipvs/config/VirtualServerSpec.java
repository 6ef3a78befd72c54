package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.IpvsProtocol;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.Tunnel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configured {@code virtual_server} (the parts IPVS needs), independent of the config parser's model.
 *
 * @param name                   keepalived's FMT_VS text used in log lines ("[10.0.0.1]:tcp:80", "FWM 7", "[grp]:0")
 * @param groupName              the {@code virtual_server_group} name, or null
 * @param keys                   the IPVS services this virtual server stands for (a group expands to several)
 * @param protocol               {@code protocol} (TCP by default; also used for log formatting of fwmark services)
 * @param scheduler              {@code lb_algo} (keepalived's default "wlc")
 * @param forward                {@code lb_kind} (NAT by default)
 * @param persistenceTimeout     {@code persistence_timeout} seconds, 0 = not persistent
 * @param persistenceGranularity {@code persistence_granularity} as a prefix length, or -1 for a full address
 * @param schedulerFlags         ONEPACKET and SCHED1..3 bits ({@code ops}, {@code flag-1..3}, {@code sh-port} ...)
 * @param peName                 {@code persistence_engine}, or ""
 * @param quorum                 {@code quorum} (default 1)
 * @param hysteresis             {@code hysteresis} (default 0)
 * @param sorryServer            {@code sorry_server} or null; its forward method is {@code sorry_server_lvs_method}
 * @param sorryServerInhibit     {@code sorry_server_inhibit}: keep the sorry server with weight 0 while unused
 * @param alpha                  {@code alpha}: real servers start down until their first successful check
 * @param inhibitOnFailure       {@code inhibit_on_failure}: a failed real server gets weight 0 instead of removal
 * @param realServers            the {@code real_server} blocks, in order
 * @param tunnel                 {@code lb_kind TUN type ...}: the real servers' default encapsulation
 */
public record VirtualServerSpec(String name, String groupName, List<ServiceKey> keys, IpvsProtocol protocol,
                                String scheduler, ForwardMethod forward, int persistenceTimeout,
                                int persistenceGranularity,
                                int schedulerFlags, String peName, int quorum, int hysteresis,
                                RealServerSpec sorryServer, boolean sorryServerInhibit, boolean alpha,
                                boolean inhibitOnFailure, List<RealServerSpec> realServers, Tunnel tunnel) {
    /** keepalived's IPVS_DEF_SCHED. */
    public static final String DEFAULT_SCHEDULER = "wlc";

    public VirtualServerSpec {
        Objects.requireNonNull(name, "name");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("virtual server " + name + " stands for no IPVS service");
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(forward, "forward");
        peName = peName == null ? "" : peName;
        realServers = List.copyOf(realServers);
        tunnel = tunnel == null ? Tunnel.IPIP : tunnel;
        if (quorum < 1 || hysteresis < 0) {
            throw new IllegalArgumentException("quorum must be >= 1 and hysteresis >= 0 in " + name);
        }
    }

    /** Starts a virtual server on one address:port with keepalived's defaults. */
    public static Builder builder(IpvsProtocol protocol, InetAddress address, int port) {
        ServiceKey key = ServiceKey.of(protocol, address, port);
        return new Builder(key.toString(), null, List.of(key), protocol);
    }

    /** Starts a fwmark virtual server ({@code virtual_server fwmark N}). */
    public static Builder fwmarkBuilder(int family, int mark) {
        ServiceKey key = ServiceKey.fwmark(family, mark);
        return new Builder(key.toString(), null, List.of(key), IpvsProtocol.TCP);
    }

    /** Starts a {@code virtual_server group NAME}: every entry expanded to one service per address. */
    public static Builder groupBuilder(String groupName, IpvsProtocol protocol, List<VirtualServerGroupEntry> entries) {
        return groupBuilder(groupName, 0, protocol, entries);
    }

    /**
     * As {@link #groupBuilder(String, IpvsProtocol, List)} for the {@code memberNo}-th virtual server (from 0) using
     * the group: keepalived names it "[NAME]:memberNo" in its log lines.
     */
    public static Builder groupBuilder(String groupName, int memberNo, IpvsProtocol protocol,
                                       List<VirtualServerGroupEntry> entries) {
        List<ServiceKey> keys = new ArrayList<>();
        for (VirtualServerGroupEntry e : entries) {
            keys.addAll(e.expand(protocol));
        }
        return new Builder("[" + groupName + "]:" + memberNo, groupName, keys, protocol);
    }

    /** The IPVS service for one of this virtual server's keys. */
    public IpvsService serviceFor(ServiceKey key) {
        IpvsService s = IpvsService.of(key, scheduler).withFlags(schedulerFlags);
        if (persistenceTimeout > 0) {
            s = s.withPersistence(persistenceTimeout);
        }
        if (persistenceGranularity >= 0) {
            s = s.withGranularity(persistenceGranularity);
        }
        return new IpvsService(s.key(), s.scheduler(), s.flags(), s.timeout(), s.granularity(), peName);
    }

    /** Fluent construction with keepalived's defaults. */
    public static final class Builder {
        private final String name;
        private final String groupName;
        private final List<ServiceKey> keys;
        private final IpvsProtocol protocol;
        private String scheduler = DEFAULT_SCHEDULER;
        private ForwardMethod forward = ForwardMethod.NAT;
        private int persistenceTimeout;
        private int persistenceGranularity = -1;
        private int schedulerFlags;
        private String peName = "";
        private int quorum = 1;
        private int hysteresis;
        private RealServerSpec sorryServer;
        private boolean sorryServerInhibit;
        private boolean alpha;
        private boolean inhibitOnFailure;
        private final List<RealServerSpec> realServers = new ArrayList<>();
        private Tunnel tunnel = Tunnel.IPIP;

        private Builder(String name, String groupName, List<ServiceKey> keys, IpvsProtocol protocol) {
            this.name = name;
            this.groupName = groupName;
            this.keys = keys;
            this.protocol = protocol;
        }

        public Builder scheduler(String s) {
            scheduler = s;
            return this;
        }

        public Builder forward(ForwardMethod f) {
            forward = f;
            return this;
        }

        public Builder persistence(int timeoutSeconds) {
            persistenceTimeout = timeoutSeconds;
            return this;
        }

        public Builder granularity(int prefix) {
            persistenceGranularity = prefix;
            return this;
        }

        public Builder schedulerFlags(int flags) {
            schedulerFlags = flags;
            return this;
        }

        public Builder persistenceEngine(String pe) {
            peName = pe;
            return this;
        }

        public Builder quorum(int q, int h) {
            quorum = q;
            hysteresis = h;
            return this;
        }

        public Builder sorryServer(RealServerSpec s, boolean inhibit) {
            sorryServer = s;
            sorryServerInhibit = inhibit;
            return this;
        }

        public Builder alpha(boolean a) {
            alpha = a;
            return this;
        }

        public Builder inhibitOnFailure(boolean i) {
            inhibitOnFailure = i;
            return this;
        }

        public Builder tunnel(Tunnel t) {
            tunnel = t;
            return this;
        }

        public Builder realServer(RealServerSpec rs) {
            realServers.add(rs);
            return this;
        }

        public VirtualServerSpec build() {
            return new VirtualServerSpec(name, groupName, keys, protocol, scheduler, forward, persistenceTimeout,
                    persistenceGranularity, schedulerFlags, peName, quorum, hysteresis, sorryServer, sorryServerInhibit,
                    alpha, inhibitOnFailure, realServers, tunnel);
        }
    }
}
