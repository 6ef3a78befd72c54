package dev.vigil.ipvs.model;

/**
 * IPVS connection timeouts in seconds (SET/GET_CONFIG; keepalived's {@code lvs_timeouts}). On SET, 0 means "leave
 * unchanged".
 */
public record IpvsTimeouts(int tcp, int tcpFin, int udp) {
    public IpvsTimeouts {
        if (tcp < 0 || tcpFin < 0 || udp < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0");
        }
    }
}
