package dev.vigil.ipvs.model;

import java.util.List;

/** The kernel's IPVS table as read back, with connection counters and statistics (for listing and adoption). */
public record IpvsSnapshot(List<Service> services) {
    public IpvsSnapshot {
        services = List.copyOf(services);
    }

    /** A service with its counters and destinations. */
    public record Service(IpvsService service, IpvsStats stats, List<Dest> dests) {
        public Service {
            dests = List.copyOf(dests);
        }
    }

    /** A destination with its connection counters. */
    public record Dest(IpvsDest dest, int activeConns, int inactiveConns, int persistentConns, IpvsStats stats) {
    }

    /** The same table without counters. */
    public IpvsTable table() {
        return new IpvsTable(services.stream()
                .map(s -> new VirtualService(s.service(), s.dests().stream().map(Dest::dest).toList()))
                .toList());
    }
}
