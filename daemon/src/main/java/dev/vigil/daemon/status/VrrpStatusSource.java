package dev.vigil.daemon.status;

import dev.vigil.vrrp.runtime.InstanceStatus;
import dev.vigil.vrrp.stats.Counter;
import dev.vigil.vrrp.stats.StatsWriter;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The VRRP subsystem's part of the status: {@code VrrpRuntime.snapshot()} (published by the VRRP thread, read here on
 * the status thread) mapped onto {@link StatusSnapshot.Instance}, plus keepalived's SIGUSR2 statistics text.
 */
public final class VrrpStatusSource implements StatusSource {
    private final Supplier<List<InstanceStatus>> snapshot;

    /** @param snapshot the runtime's latest published snapshot (empty when VRRP does not run) */
    public VrrpStatusSource(Supplier<List<InstanceStatus>> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public StatusSnapshot.Part contribute() {
        return StatusSnapshot.Part.ofInstances(snapshot.get().stream().map(VrrpStatusSource::instance).toList());
    }

    /** keepalived's {@code /tmp/keepalived.stats} text; empty when VRRP does not run. */
    public String statsText() {
        Map<String, Map<Counter, Long>> counters = new LinkedHashMap<>();
        snapshot.get().forEach(s -> counters.put(s.name(), s.counters()));
        return counters.isEmpty() ? "" : StatsWriter.file(counters);
    }

    static StatusSnapshot.Instance instance(InstanceStatus s) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Counter c : Counter.values()) { // enum order: keepalived's stats order, stable across snapshots
            counters.put(c.name(), s.counters().getOrDefault(c, 0L));
        }
        return new StatusSnapshot.Instance(s.name(), s.interfaceName(), s.vrid(), s.state().name(), s.basePriority(),
                s.effectivePriority(), address(s.masterAddress()),
                s.vips().stream().map(VrrpStatusSource::address).toList(), s.vipsSet(), s.lastChange(),
                s.lastReason(), s.syncGroup(), counters);
    }

    private static String address(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }
}
