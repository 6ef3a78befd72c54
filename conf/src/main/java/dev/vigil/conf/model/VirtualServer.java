package dev.vigil.conf.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * A virtual_server with keepalived's defaults: delay_loop 60 s, lb_algo wlc, lb_kind NAT, protocol TCP,
 * bare persistence_timeout 360 s (null = not persistent), quorum 1, hysteresis 0. {@code tunnel} is set for TUN.
 */
public record VirtualServer(VirtualServerAddress address, String protocol, Duration delayLoop, String scheduler,
        List<String> schedulerFlags, ForwardingMethod method, Tunnel tunnel, Duration persistenceTimeout,
        InetAddress persistenceGranularity, String persistenceEngine, SorryServer sorryServer, int quorum,
        int hysteresis, NotifyScript quorumUp, NotifyScript quorumDown, boolean alpha, boolean omega,
        boolean inhibitOnFailure, boolean haSuspend, String virtualhost, boolean smtpAlert, String ipFamily,
        List<RealServer> realServers) {
    public VirtualServer {
        schedulerFlags = List.copyOf(schedulerFlags);
        realServers = List.copyOf(realServers);
    }
}
