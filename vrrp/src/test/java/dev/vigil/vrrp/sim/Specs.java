package dev.vigil.vrrp.sim;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.spec.InstanceSpec;
import java.net.Inet4Address;
import java.util.List;

/** Instance settings used across the scenario tests: VRID 51, PASS "secret12", VIP 10.99.0.100. */
public final class Specs {
    private Specs() {}

    public static final Inet4Address VIP = Ipv4.parse("10.99.0.100");
    public static final Inet4Address IP_A = Ipv4.parse("10.99.0.1");
    public static final Inet4Address IP_B = Ipv4.parse("10.99.0.2");
    public static final Inet4Address IP_C = Ipv4.parse("10.99.0.3");

    public static InstanceSpec.Builder node(String name, Inet4Address ip, int priority) {
        return InstanceSpec.builder(name, 51, ip).priority(priority).passAuth("secret12").vips(List.of(VIP));
    }
}
