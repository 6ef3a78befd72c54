package dev.vigil.conf.model;

import java.net.InetAddress;
import java.util.List;

/**
 * One line of virtual_ipaddress / virtual_ipaddress_excluded / static_ipaddress (ip-address(8) syntax).
 * Null fields were not given; {@code device} null means the instance's interface.
 */
public record IpAddressEntry(Cidr cidr, String device, String broadcast, String scope, String label, InetAddress peer,
        boolean noTrack, List<String> otherOptions) {
    public IpAddressEntry {
        otherOptions = List.copyOf(otherOptions);
    }
}
