package dev.vigil.conf.model;

import java.net.InetAddress;

/** One unicast_peer entry; ttl bounds 0 when not given. */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
}
