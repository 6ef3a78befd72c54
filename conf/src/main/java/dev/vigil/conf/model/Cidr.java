package dev.vigil.conf.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An IP address with its prefix length ({@code 10.0.0.1/24}); keepalived defaults to /32 (IPv4) or /128 (IPv6). */
public record Cidr(InetAddress address, int prefixLength) {
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return Addresses.format(address) + "/" + prefixLength;
    }
}
