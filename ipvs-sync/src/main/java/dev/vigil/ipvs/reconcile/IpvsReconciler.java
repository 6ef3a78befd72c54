package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.config.DesiredTable;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsService;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.ServiceKey;
import dev.vigil.ipvs.model.VirtualService;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the IPVS operations that turn the kernel's table into the desired one, touching only what differs.
 * Pure: tables in, ordered operations out.
 *
 * <p>Rules: services the kernel has but Vigil never managed are left alone (other tools may own them); a service Vigil
 * managed and no longer wants is deleted; a destination whose health is still unknown (alpha mode, just after start)
 * is neither removed nor changed, so adopting a running table never drops a live real server. Order: service
 * deletions, then per desired service its creation or update, destination deletions (a sorry server leaves before
 * the real servers return, as keepalived does), updates and additions.
 */
public final class IpvsReconciler {
    private IpvsReconciler() {
    }

    /** Diff where Vigil manages exactly the desired services. */
    public static List<IpvsOperation> diff(DesiredTable desired, IpvsTable actual) {
        return diff(desired, actual, Set.of());
    }

    /**
     * Diff that also deletes {@code retired} services (ones Vigil managed before a reload and no longer wants) when the
     * kernel still has them.
     */
    public static List<IpvsOperation> diff(DesiredTable desired, IpvsTable actual, Collection<ServiceKey> retired) {
        Map<ServiceKey, VirtualService> want = desired.table().byKey();
        Map<ServiceKey, VirtualService> have = actual.byKey();
        List<IpvsOperation> ops = new ArrayList<>();
        for (ServiceKey key : retired) {
            VirtualService gone = have.get(key);
            if (gone != null && !want.containsKey(key)) {
                ops.add(IpvsOperation.delService(gone.service()));
            }
        }
        for (VirtualService w : desired.table().services()) {
            VirtualService h = have.get(w.key());
            if (h == null) {
                ops.add(IpvsOperation.newService(w.service()));
                for (IpvsDest d : w.dests()) {
                    ops.add(IpvsOperation.newDest(w.service(), d));
                }
                continue;
            }
            if (!h.service().equals(w.service())) {
                ops.add(IpvsOperation.setService(w.service()));
            }
            diffDests(w, h, desired.pendingFor(w.key()), ops);
        }
        return ops;
    }

    private static void diffDests(VirtualService want, VirtualService have, Set<DestKey> pending,
                                  List<IpvsOperation> ops) {
        IpvsService service = want.service();
        Map<DestKey, IpvsDest> wanted = want.destsByKey();
        Map<DestKey, IpvsDest> existing = have.destsByKey();
        for (IpvsDest h : have.dests()) {
            if (!wanted.containsKey(h.key()) && !pending.contains(h.key())) {
                ops.add(IpvsOperation.delDest(service, h));
            }
        }
        for (IpvsDest w : want.dests()) {
            IpvsDest h = existing.get(w.key());
            if (h != null && !h.equals(w) && !pending.contains(w.key())) {
                ops.add(IpvsOperation.setDest(service, w));
            }
        }
        for (IpvsDest w : want.dests()) {
            if (!existing.containsKey(w.key())) {
                ops.add(IpvsOperation.newDest(service, w));
            }
        }
    }

    /** Start-up: with {@code lvs_flush} one FLUSH then the whole desired table, otherwise adoption by diff. */
    public static List<IpvsOperation> start(DesiredTable desired, IpvsTable actual, boolean lvsFlush) {
        if (!lvsFlush) {
            return diff(desired, actual);
        }
        List<IpvsOperation> ops = new ArrayList<>();
        ops.add(IpvsOperation.flush());
        ops.addAll(diff(DesiredTable.of(desired.table()), IpvsTable.EMPTY));
        return ops;
    }

    /**
     * Shutdown: per {@link StopPolicy}, remove the managed services that the kernel still has (their destinations
     * first, as keepalived does, or the services alone), flush everything, or leave the table alone.
     */
    public static List<IpvsOperation> stop(Collection<ServiceKey> managed, IpvsTable actual, StopPolicy policy) {
        return switch (policy) {
            case DONT_RELEASE -> List.of();
            case FLUSH -> List.of(IpvsOperation.flush());
            case REMOVE, DELETE_SERVICES -> {
                Map<ServiceKey, VirtualService> have = actual.byKey();
                List<IpvsOperation> ops = new ArrayList<>();
                for (ServiceKey key : managed) {
                    VirtualService h = have.get(key);
                    if (h == null) {
                        continue;
                    }
                    if (policy == StopPolicy.REMOVE) {
                        for (IpvsDest d : h.dests()) {
                            ops.add(IpvsOperation.delDest(h.service(), d));
                        }
                    }
                    ops.add(IpvsOperation.delService(h.service()));
                }
                yield ops;
            }
        };
    }
}
