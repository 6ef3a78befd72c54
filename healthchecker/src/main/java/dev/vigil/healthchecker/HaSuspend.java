package dev.vigil.healthchecker;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.conf.model.VirtualServerGroup;
import dev.vigil.conf.model.VirtualServerGroupEntry;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code ha_suspend}: a virtual server's checkers run only while one of its addresses is configured on the host
 * (keepalived's check_api.c {@code update_checker_activity()}). Pure: the host's addresses and their changes go in,
 * the virtual servers whose checkers must be activated or suspended come out. Not thread-safe; the caller serialises.
 *
 * <p>An address is counted once per interface, so a VIP on two interfaces suspends only when both copies are gone.
 * Unlike keepalived 2.2.7, whose {@code addr_matches()} never matches a {@code virtual_server group} (its checkers
 * stay suspended for ever), a group's virtual server is active while any address of its entries (ranges included)
 * is present. Only IPv4 is tracked (the address monitor subscribes to IPv4 address events): an IPv6 virtual server
 * with {@code ha_suspend} is never suspended.
 */
public final class HaSuspend {
    /** An address on an interface of this host. */
    public record HostAddress(int ifindex, InetAddress address) {
    }

    /** The checkers of {@code vs} must now run ({@code active}) or stop. */
    public record Change(VirtualServerKey vs, boolean active) {
    }

    private final Set<HostAddress> present = new HashSet<>();
    private Map<VirtualServerKey, Predicate<InetAddress>> watched = Map.of();
    private final Set<VirtualServerKey> suspended = new HashSet<>();

    /**
     * The virtual servers {@code config} marks {@code ha_suspend} (IPv4 only) become watched; returns the changes
     * against the previous configuration's state: a newly watched server whose address is absent is suspended, one
     * no longer watched is activated. Before the first {@link #reset} every watched server is suspended.
     */
    public List<Change> configure(KeepalivedConfig config) {
        Map<String, VirtualServerGroup> groups = new LinkedHashMap<>();
        config.virtualServerGroups().forEach(g -> groups.put(g.name(), g));
        Map<VirtualServerKey, Predicate<InetAddress>> next = new LinkedHashMap<>();
        for (VirtualServer vs : config.virtualServers()) {
            Predicate<InetAddress> matcher = vs.haSuspend() ? matcher(vs, groups) : null;
            if (matcher != null) {
                next.put(ConfCheckers.key(vs), matcher);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (VirtualServerKey gone : List.copyOf(suspended)) {
            if (!next.containsKey(gone)) {
                suspended.remove(gone);
                changes.add(new Change(gone, true));
            }
        }
        watched = next;
        changes.addAll(evaluate());
        return changes;
    }

    /** The host's full address list (at start, or after the monitor lost events). */
    public List<Change> reset(Collection<HostAddress> addresses) {
        present.clear();
        present.addAll(addresses);
        return evaluate();
    }

    /** An address appeared (RTM_NEWADDR). */
    public List<Change> added(HostAddress address) {
        present.add(address);
        return evaluate();
    }

    /** An address went away (RTM_DELADDR). */
    public List<Change> removed(HostAddress address) {
        present.remove(address);
        return evaluate();
    }

    /** Whether any virtual server uses {@code ha_suspend} (otherwise no address monitoring is needed). */
    public boolean used() {
        return !watched.isEmpty();
    }

    /** The virtual servers whose checkers are suspended now. */
    public Set<VirtualServerKey> suspended() {
        return Set.copyOf(suspended);
    }

    private List<Change> evaluate() {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<VirtualServerKey, Predicate<InetAddress>> e : watched.entrySet()) {
            boolean active = present.stream().anyMatch(a -> e.getValue().test(a.address()));
            boolean wasSuspended = suspended.contains(e.getKey());
            if (active && wasSuspended) {
                suspended.remove(e.getKey());
                changes.add(new Change(e.getKey(), true));
            } else if (!active && !wasSuspended) {
                suspended.add(e.getKey());
                changes.add(new Change(e.getKey(), false));
            }
        }
        return changes;
    }

    /** The addresses a virtual server answers on, or null when it cannot be watched (fwmark, IPv6). */
    private static Predicate<InetAddress> matcher(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        if (vs.address() instanceof VirtualServerAddress.IpPort ip) {
            return ip.address() instanceof Inet4Address ? ip.address()::equals : null;
        }
        if (vs.address() instanceof VirtualServerAddress.Group g && groups.containsKey(g.name())) {
            List<VirtualServerGroupEntry> ranges = groups.get(g.name()).entries().stream()
                    .filter(e -> e.first() instanceof Inet4Address).toList();
            return ranges.isEmpty() ? null : a -> ranges.stream().anyMatch(r -> within(a, r));
        }
        return null; // fwmark: the parser already cleared ha_suspend with keepalived's error
    }

    private static boolean within(InetAddress a, VirtualServerGroupEntry range) {
        byte[] b = a.getAddress();
        return b.length == range.first().getAddress().length
                && Arrays.compareUnsigned(b, range.first().getAddress()) >= 0
                && Arrays.compareUnsigned(b, range.last().getAddress()) <= 0;
    }
}
