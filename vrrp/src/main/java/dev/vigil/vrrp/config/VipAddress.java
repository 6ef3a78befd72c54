package dev.vigil.vrrp.config;

import java.net.Inet4Address;

/**
 * One {@code virtual_ipaddress} / {@code virtual_ipaddress_excluded} line as the runtime installs it
 * ({@code ip addr add ADDRESS/PREFIX [brd B] [scope S] [label L] dev DEVICE}).
 *
 * @param device    the interface the address goes on (the instance's own unless {@code dev} was given)
 * @param broadcast null for none
 * @param scope     RT_SCOPE_* (0 global, 253 link, 254 host)
 * @param label     null for none
 */
public record VipAddress(Inet4Address address, int prefixLength, String device, Inet4Address broadcast, int scope,
                         String label) {

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + device;
    }
}
