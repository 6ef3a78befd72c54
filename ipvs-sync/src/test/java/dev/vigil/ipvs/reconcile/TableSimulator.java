package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;

import java.util.ArrayList;
import java.util.List;

/** A kernel stand-in for unit tests: applies operations with the kernel's errors for impossible ones. */
public final class TableSimulator {
    private TableSimulator() {
    }

    /** Applies operations to a table without any kernel: the table the kernel would hold afterwards (for tests). */
    public static IpvsTable apply(IpvsTable table, List<IpvsOperation> ops) {
        java.util.LinkedHashMap<ServiceKey, IpvsService> services = new java.util.LinkedHashMap<>();
        java.util.LinkedHashMap<ServiceKey, java.util.LinkedHashMap<DestKey, IpvsDest>> dests =
                new java.util.LinkedHashMap<>();
        for (VirtualService vs : table.services()) {
            services.put(vs.key(), vs.service());
            dests.put(vs.key(), new java.util.LinkedHashMap<>(vs.destsByKey()));
        }
        for (IpvsOperation op : ops) {
            ServiceKey key = op.service() == null ? null : op.service().key();
            switch (op.kind()) {
                case FLUSH -> {
                    services.clear();
                    dests.clear();
                }
                case NEW_SERVICE -> {
                    require(!services.containsKey(key), op, "EEXIST");
                    services.put(key, op.service());
                    dests.put(key, new java.util.LinkedHashMap<>());
                }
                case SET_SERVICE -> {
                    require(services.containsKey(key), op, "ESRCH");
                    services.put(key, op.service());
                }
                case DEL_SERVICE -> {
                    require(services.remove(key) != null, op, "ESRCH");
                    dests.remove(key);
                }
                case NEW_DEST -> {
                    require(services.containsKey(key) && !dests.get(key).containsKey(op.dest().key()), op, "EEXIST");
                    dests.get(key).put(op.dest().key(), op.dest());
                }
                case SET_DEST -> {
                    require(services.containsKey(key) && dests.get(key).containsKey(op.dest().key()), op, "ENOENT");
                    dests.get(key).put(op.dest().key(), op.dest());
                }
                case DEL_DEST -> {
                    require(services.containsKey(key) && dests.get(key).remove(op.dest().key()) != null, op, "ENOENT");
                }
            }
        }
        List<VirtualService> out = new ArrayList<>();
        services.forEach((k, s) -> out.add(new VirtualService(s, List.copyOf(dests.get(k).values()))));
        return new IpvsTable(out);
    }

    private static void require(boolean ok, IpvsOperation op, String errno) {
        if (!ok) {
            throw new IllegalStateException(op + " would fail with " + errno);
        }
    }
}
