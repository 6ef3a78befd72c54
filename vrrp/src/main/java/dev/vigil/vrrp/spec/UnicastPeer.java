package dev.vigil.vrrp.spec;

import java.net.Inet4Address;

/** One {@code unicast_peer} entry with its accepted TTL range (keepalived defaults 0..255). */
public record UnicastPeer(Inet4Address address, int minTtl, int maxTtl) {
    public static UnicastPeer of(Inet4Address address) {
        return new UnicastPeer(address, 0, 255);
    }
}
