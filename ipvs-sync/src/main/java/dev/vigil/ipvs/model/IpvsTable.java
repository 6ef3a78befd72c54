package dev.vigil.ipvs.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole IPVS table (services and their destinations) without counters; what the reconciler compares. */
public record IpvsTable(List<VirtualService> services) {
    public static final IpvsTable EMPTY = new IpvsTable(List.of());

    public IpvsTable {
        services = List.copyOf(services);
        Map<ServiceKey, VirtualService> seen = new LinkedHashMap<>();
        for (VirtualService vs : services) {
            if (seen.put(vs.key(), vs) != null) {
                throw new IllegalArgumentException("duplicate service " + vs.key());
            }
        }
    }

    /** Services by key, preserving order. */
    public Map<ServiceKey, VirtualService> byKey() {
        Map<ServiceKey, VirtualService> map = new LinkedHashMap<>();
        for (VirtualService vs : services) {
            map.put(vs.key(), vs);
        }
        return map;
    }

    public IpvsTable plus(IpvsTable other) {
        List<VirtualService> all = new ArrayList<>(services);
        all.addAll(other.services);
        return new IpvsTable(all);
    }

    public int destCount() {
        return services.stream().mapToInt(s -> s.dests().size()).sum();
    }
}
