package dev.vigil.vrrp.config;

import dev.vigil.vrrp.spec.InstanceSpec;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * A {@code vrrp_instance} ready to run: the protocol core's {@link InstanceSpec} plus what only the runtime
 * needs (how each VIP is installed, virtual routes, the interface index).
 *
 * @param addresses one entry per VIP and excluded VIP, in configuration order
 * @param syncGroup name of the {@code vrrp_sync_group} it belongs to, or null
 */
public record InstanceConfig(InstanceSpec spec, int ifindex, List<VipAddress> addresses, List<VirtualRoute> routes,
                             String syncGroup) {
    public InstanceConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    public String name() {
        return spec.name();
    }

    /** How {@code address} (a VIP or excluded VIP of this instance) is installed. */
    public Optional<VipAddress> address(Inet4Address address) {
        return addresses.stream().filter(a -> a.address().equals(address)).findFirst();
    }
}
