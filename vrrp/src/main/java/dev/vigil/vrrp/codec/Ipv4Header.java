package dev.vigil.vrrp.codec;

import java.net.Inet4Address;

/** The fields of a received IPv4 header that VRRP validation looks at. */
public record Ipv4Header(int headerLength, int tos, int totalLength, int ttl, int protocol,
                         Inet4Address source, Inet4Address destination) {

    public boolean isMulticastDestination() {
        return Ipv4.isMulticast(destination);
    }
}
