package dev.vigil.vrrp.stats;

import java.util.EnumMap;
import java.util.Map;

/** Mutable counters of one instance; owned by its state machine (single-threaded). */
public final class InstanceStats {
    private final long[] values = new long[Counter.values().length];

    public void increment(Counter c) {
        values[c.ordinal()]++;
    }

    public long get(Counter c) {
        return values[c.ordinal()];
    }

    /** Zeroes every counter (keepalived's STATS_CLEAR signal). */
    public void clear() {
        java.util.Arrays.fill(values, 0);
    }

    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> m = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            m.put(c, values[c.ordinal()]);
        }
        return m;
    }
}
