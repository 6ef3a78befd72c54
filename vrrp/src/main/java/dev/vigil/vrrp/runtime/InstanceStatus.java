package dev.vigil.vrrp.runtime;

import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.stats.Counter;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance as {@code vigil status} shows it; an immutable snapshot taken on the VRRP thread.
 *
 * @param masterAddress the current master (our own source address while MASTER), null when unknown
 * @param vipsSet       whether the VIPs are installed on this host
 * @param lastChange    when the last state transition happened (null before the first)
 * @param lastReason    why it happened
 */
public record InstanceStatus(String name, String interfaceName, int vrid, VrrpState state, int basePriority,
                             int effectivePriority, Inet4Address masterAddress, List<Inet4Address> vips,
                             boolean vipsSet, Instant lastChange, String lastReason, String syncGroup,
                             Map<Counter, Long> counters) {
    public InstanceStatus {
        vips = List.copyOf(vips);
        counters = Map.copyOf(counters);
    }
}
