package dev.vigil.vrrp.instance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the actions one event produces, in order, and remembers which timers are pending so that
 * stale expiries can be recognised and only real cancellations are emitted.
 */
final class ActionBuffer {
    private final Map<TimerKind, Long> pending = new EnumMap<>(TimerKind.class);
    private List<InstanceAction> actions = new ArrayList<>();
    private String tag = "";

    /** Prefix for log lines, keepalived's {@code (VI_1) }. */
    void tag(String instanceName) {
        this.tag = "(" + instanceName + ") ";
    }

    /** Returns what was collected and starts a new list. */
    List<InstanceAction> drain() {
        List<InstanceAction> result = actions;
        actions = new ArrayList<>();
        return result;
    }

    void add(InstanceAction action) {
        actions.add(action);
    }

    void log(boolean detail, String text) {
        actions.add(new InstanceAction.LogLine(detail, tag + text));
    }

    void schedule(TimerKind kind, long deadline) {
        pending.put(kind, deadline);
        actions.add(new InstanceAction.ScheduleTimer(kind, deadline));
    }

    void cancel(TimerKind kind) {
        if (pending.remove(kind) != null) {
            actions.add(new InstanceAction.CancelTimer(kind));
        }
    }

    /** Deadline of a pending timer, or null. */
    Long deadline(TimerKind kind) {
        return pending.get(kind);
    }

    /** True when an expiry of {@code kind} at {@code now} is the live one; it is then no longer pending. */
    boolean expire(TimerKind kind, long now) {
        Long deadline = pending.get(kind);
        if (deadline == null || deadline > now) {
            return false; // cancelled or re-armed since
        }
        pending.remove(kind);
        return true;
    }
}
