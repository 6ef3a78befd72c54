package dev.vigil.ipvs.config;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IPVS table Vigil wants, plus the real servers whose health is still unknown (which the reconciler must not
 * remove from a table it adopts).
 *
 * @param table   desired services and destinations
 * @param pending per service, configured destinations without a health verdict yet
 */
public record DesiredTable(IpvsTable table, Map<ServiceKey, Set<DestKey>> pending) {
    public DesiredTable {
        pending = Map.copyOf(pending);
    }

    public static DesiredTable of(IpvsTable table) {
        return new DesiredTable(table, Map.of());
    }

    /** Collects every virtual server's current desired services. */
    public static DesiredTable of(Collection<VirtualServerState> virtualServers) {
        List<VirtualService> services = new ArrayList<>();
        Map<ServiceKey, Set<DestKey>> pending = new LinkedHashMap<>();
        for (VirtualServerState vs : virtualServers) {
            List<VirtualService> mine = vs.desiredServices();
            services.addAll(mine);
            Set<DestKey> p = vs.pendingDests();
            if (!p.isEmpty()) {
                for (VirtualService s : mine) {
                    pending.put(s.key(), Set.copyOf(p));
                }
            }
        }
        return new DesiredTable(new IpvsTable(services), pending);
    }

    public Set<DestKey> pendingFor(ServiceKey key) {
        return pending.getOrDefault(key, Set.of());
    }
}
