package dev.vigil.ipvs.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One IPVS service with its destinations, in insertion order. */
public record VirtualService(IpvsService service, List<IpvsDest> dests) {
    public VirtualService {
        Objects.requireNonNull(service, "service");
        dests = List.copyOf(dests);
        Map<DestKey, IpvsDest> seen = new LinkedHashMap<>();
        for (IpvsDest d : dests) {
            if (seen.put(d.key(), d) != null) {
                throw new IllegalArgumentException("duplicate destination " + d.key() + " in " + service.key());
            }
        }
    }

    public ServiceKey key() {
        return service.key();
    }

    /** Destinations by key, preserving order. */
    public Map<DestKey, IpvsDest> destsByKey() {
        Map<DestKey, IpvsDest> map = new LinkedHashMap<>();
        for (IpvsDest d : dests) {
            map.put(d.key(), d);
        }
        return map;
    }
}
