package dev.vigil.ipvs.model;

import java.net.InetAddress;
import java.util.Objects;

/** Identity of a real server (destination) within one service. */
public record DestKey(InetAddress address, int port) {
    public DestKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return "[" + Addresses.text(address) + "]:" + port;
    }
}
