package dev.vigil.ipvs.reconcile;

import dev.vigil.ipvs.model.IpvsDest;
import dev.vigil.ipvs.model.IpvsService;

import java.util.Objects;

/**
 * One IPVS change. Service operations carry the service; destination operations carry the service they belong to and
 * the destination; FLUSH carries neither.
 */
public record IpvsOperation(Kind kind, IpvsService service, IpvsDest dest) {
    /** The kernel command each operation maps to. */
    public enum Kind { NEW_SERVICE, SET_SERVICE, DEL_SERVICE, NEW_DEST, SET_DEST, DEL_DEST, FLUSH }

    public IpvsOperation {
        Objects.requireNonNull(kind, "kind");
        boolean needsService = kind != Kind.FLUSH;
        boolean needsDest = kind == Kind.NEW_DEST || kind == Kind.SET_DEST || kind == Kind.DEL_DEST;
        if (needsService != (service != null) || needsDest != (dest != null)) {
            throw new IllegalArgumentException(kind + " with service=" + service + " dest=" + dest);
        }
    }

    public static IpvsOperation newService(IpvsService s) {
        return new IpvsOperation(Kind.NEW_SERVICE, s, null);
    }

    public static IpvsOperation setService(IpvsService s) {
        return new IpvsOperation(Kind.SET_SERVICE, s, null);
    }

    public static IpvsOperation delService(IpvsService s) {
        return new IpvsOperation(Kind.DEL_SERVICE, s, null);
    }

    public static IpvsOperation newDest(IpvsService s, IpvsDest d) {
        return new IpvsOperation(Kind.NEW_DEST, s, d);
    }

    public static IpvsOperation setDest(IpvsService s, IpvsDest d) {
        return new IpvsOperation(Kind.SET_DEST, s, d);
    }

    public static IpvsOperation delDest(IpvsService s, IpvsDest d) {
        return new IpvsOperation(Kind.DEL_DEST, s, d);
    }

    public static IpvsOperation flush() {
        return new IpvsOperation(Kind.FLUSH, null, null);
    }

    /** Short text for logs and test failures, e.g. "NEW_DEST [10.0.0.1]:tcp:80 -> [10.0.0.2]:80 Masq w=1". */
    @Override
    public String toString() {
        if (kind == Kind.FLUSH) {
            return "FLUSH";
        }
        StringBuilder sb = new StringBuilder(kind.name()).append(' ').append(service.key());
        if (dest != null) {
            sb.append(" -> ").append(dest.key());
            if (kind != Kind.DEL_DEST) {
                sb.append(' ').append(dest.forward().ipvsadmName()).append(" w=").append(dest.weight());
            }
        } else if (kind != Kind.DEL_SERVICE) {
            sb.append(' ').append(service.scheduler());
            if (service.persistent()) {
                sb.append(" persistent ").append(service.timeout());
            }
        }
        return sb.toString();
    }
}
