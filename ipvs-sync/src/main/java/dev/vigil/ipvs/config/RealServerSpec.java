package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.ForwardMethod;
import dev.vigil.ipvs.model.Tunnel;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A configured real server (keepalived's {@code real_server} block, the parts IPVS needs).
 *
 * @param address          real-server address
 * @param port             real-server port
 * @param weight           configured weight (default 1)
 * @param forward          {@code lvs_method}, or null to inherit the virtual server's
 * @param inhibitOnFailure {@code inhibit_on_failure}, or null to inherit the virtual server's
 * @param upperThreshold   {@code uthreshold} (0 = none)
 * @param lowerThreshold   {@code lthreshold} (0 = none)
 * @param alpha            {@code alpha}, or null to inherit the virtual server's
 * @param tunnel           the {@code lvs_method TUN type ...} encapsulation, or null to inherit the virtual server's
 */
public record RealServerSpec(InetAddress address, int port, int weight, ForwardMethod forward, Boolean inhibitOnFailure,
                             int upperThreshold, int lowerThreshold, Boolean alpha, Tunnel tunnel) {
    public RealServerSpec {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A real server with keepalived's defaults (weight 1, everything else inherited). */
    public static RealServerSpec of(InetAddress address, int port) {
        return new RealServerSpec(address, port, 1, null, null, 0, 0, null, null);
    }

    public RealServerSpec withWeight(int w) {
        return new RealServerSpec(address, port, w, forward, inhibitOnFailure, upperThreshold, lowerThreshold, alpha,
                tunnel);
    }

    public RealServerSpec withInhibitOnFailure(boolean inhibit) {
        return new RealServerSpec(address, port, weight, forward, inhibit, upperThreshold, lowerThreshold, alpha,
                tunnel);
    }

    public RealServerSpec withForward(ForwardMethod method) {
        return new RealServerSpec(address, port, weight, method, inhibitOnFailure, upperThreshold, lowerThreshold,
                alpha, tunnel);
    }

    public RealServerSpec withThresholds(int upper, int lower) {
        return new RealServerSpec(address, port, weight, forward, inhibitOnFailure, upper, lower, alpha, tunnel);
    }

    public RealServerSpec withAlpha(boolean a) {
        return new RealServerSpec(address, port, weight, forward, inhibitOnFailure, upperThreshold, lowerThreshold,
                a, tunnel);
    }

    public RealServerSpec withTunnel(Tunnel t) {
        return new RealServerSpec(address, port, weight, forward, inhibitOnFailure, upperThreshold, lowerThreshold,
                alpha,
                t);
    }

    public DestKey key() {
        return new DestKey(address, port);
    }
}
