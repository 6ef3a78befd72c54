package dev.vigil.ipvs.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPVS destination (real server) of one service.
 *
 * @param address        real-server address (its family may differ from the service's on newer kernels)
 * @param port           real-server port
 * @param forward        forwarding method
 * @param weight         scheduling weight; 0 keeps the server in the table but sends it no new connections
 * @param upperThreshold connection upper threshold (0 = none)
 * @param lowerThreshold connection lower threshold (0 = none)
 * @param tunnel         encapsulation of a TUN destination; always {@link Tunnel#IPIP} for other methods
 */
public record IpvsDest(InetAddress address, int port, ForwardMethod forward, int weight, int upperThreshold,
                       int lowerThreshold, Tunnel tunnel) {
    public IpvsDest {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forward, "forward");
        tunnel = forward == ForwardMethod.TUN && tunnel != null ? tunnel : Tunnel.IPIP;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0: " + weight);
        }
    }

    /** A destination with IP-in-IP encapsulation if it is a TUN one. */
    public IpvsDest(InetAddress address, int port, ForwardMethod forward, int weight, int upperThreshold,
                    int lowerThreshold) {
        this(address, port, forward, weight, upperThreshold, lowerThreshold, Tunnel.IPIP);
    }

    public static IpvsDest of(InetAddress address, int port, ForwardMethod forward, int weight) {
        return new IpvsDest(address, port, forward, weight, 0, 0);
    }

    public DestKey key() {
        return new DestKey(address, port);
    }

    public int family() {
        return ServiceKey.familyOf(address);
    }

    public IpvsDest withWeight(int newWeight) {
        return new IpvsDest(address, port, forward, newWeight, upperThreshold, lowerThreshold, tunnel);
    }
}
