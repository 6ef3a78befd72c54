package dev.vigil.vrrp.instance;

import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Current up/down state of the instance's own interface and of every tracked object, and what they
 * add up to: FAULT or not, and the effective priority (base + Σ weights clamped to 1..254; an address
 * owner stays at 255). Interfaces count as up until reported. A script with no result yet adds no
 * weight and, if unweighted, holds the instance in FAULT (keepalived's script "init" state).
 */
final class TrackedStates {
    private final Map<String, Boolean> up = new HashMap<>();

    private static String key(TrackedObject.Kind kind, String name) {
        return kind + ":" + name;
    }

    /** Records a state; returns whether anything changed. */
    boolean set(TrackedObject.Kind kind, String name, boolean isUp) {
        Boolean old = up.put(key(kind, name), isUp);
        return old == null || old != isUp;
    }

    boolean isUp(TrackedObject.Kind kind, String name) {
        return up.getOrDefault(key(kind, name), true);
    }

    private boolean known(TrackedObject t) {
        return t.kind() == TrackedObject.Kind.INTERFACE || up.containsKey(key(t.kind(), t.name()));
    }

    /** The first reason for FAULT, or null when the instance may run. */
    String faultReason(InstanceSpec spec) {
        if (!spec.dontTrackPrimary() && !isUp(TrackedObject.Kind.INTERFACE, spec.interfaceName())) {
            return "interface " + spec.interfaceName() + " down";
        }
        for (TrackedObject t : spec.tracked()) {
            if (!known(t) && t.faultsInstance()) {
                return "script " + t.name() + " has not reported yet";
            }
            if (known(t) && t.isFault(isUp(t.kind(), t.name()))) {
                return (t.kind() == TrackedObject.Kind.INTERFACE ? "interface " : "script ") + t.name()
                        + (t.reverse() ? " up" : " down");
            }
        }
        return null;
    }

    /** True when the only thing holding the instance in FAULT is scripts that have not reported yet. */
    boolean onlyAwaitingScripts(InstanceSpec spec) {
        if (!spec.dontTrackPrimary() && !isUp(TrackedObject.Kind.INTERFACE, spec.interfaceName())) {
            return false;
        }
        boolean awaiting = false;
        for (TrackedObject t : spec.tracked()) {
            if (known(t) && t.isFault(isUp(t.kind(), t.name()))) {
                return false;
            }
            awaiting |= !known(t) && t.faultsInstance();
        }
        return awaiting;
    }

    int effectivePriority(InstanceSpec spec, int basePriority) {
        if (basePriority == VrrpWire.PRIORITY_OWNER) {
            return basePriority;
        }
        int total = basePriority;
        for (TrackedObject t : spec.tracked()) {
            if (!t.faultsInstance() && known(t)) {
                total += t.contribution(isUp(t.kind(), t.name()));
            }
        }
        return Math.max(1, Math.min(VrrpWire.PRIORITY_OWNER - 1, total));
    }
}
