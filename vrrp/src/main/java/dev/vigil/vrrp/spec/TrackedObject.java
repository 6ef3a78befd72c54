package dev.vigil.vrrp.spec;

/**
 * Something an instance tracks (interface link, vrrp_script, ...). With {@code weight} 0 a failure puts
 * the instance in FAULT; otherwise a positive weight is added while the object is up and a negative
 * weight while it is down. {@code reverse} inverts the sign of the adjustment (and, for weight 0, means
 * FAULT while up), as keepalived's weight multiplier −1 does.
 */
public record TrackedObject(Kind kind, String name, int weight, boolean reverse) {

    public enum Kind { INTERFACE, SCRIPT, FILE, PROCESS, BFD }

    public TrackedObject {
        if (weight < -253 || weight > 253) { // keepalived: -253..253
            throw new IllegalArgumentException("weight out of range: " + weight);
        }
    }

    public static TrackedObject iface(String name) {
        return new TrackedObject(Kind.INTERFACE, name, 0, false);
    }

    public static TrackedObject script(String name, int weight) {
        return new TrackedObject(Kind.SCRIPT, name, weight, false);
    }

    public boolean faultsInstance() {
        return weight == 0;
    }

    /** Priority contribution while the object is {@code up}. */
    public int contribution(boolean up) {
        int raw = up ? Math.max(weight, 0) : Math.min(weight, 0);
        return reverse ? -raw : raw;
    }

    /** Whether, for weight 0, the object's state means FAULT. */
    public boolean isFault(boolean up) {
        return weight == 0 && up == reverse;
    }

    /** The same object with its weight forced to 0 (sync group members, keepalived §3.5). */
    public TrackedObject unweighted() {
        return new TrackedObject(kind, name, 0, reverse);
    }
}
