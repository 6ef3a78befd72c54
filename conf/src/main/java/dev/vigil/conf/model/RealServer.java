package dev.vigil.conf.model;

import java.net.InetAddress;
import java.util.List;

/**
 * A real_server: weight 1, smtp_alert on unless a global default says otherwise (keepalived's "inconsistent"
 * default), inhibit_on_failure inherited from the virtual server. method is the effective forwarding method
 * (the virtual server's unless set); tunnel is set for TUN.
 */
public record RealServer(InetAddress address, int port, int weight, ForwardingMethod method, Tunnel tunnel,
        boolean inhibitOnFailure,
        NotifyScript notifyUp, NotifyScript notifyDown, boolean smtpAlert, int upperThreshold, int lowerThreshold,
        boolean alpha, String virtualhost, List<Checker> checkers) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }
}
