package dev.vigil.vrrp.sim;

/** Simulated monotonic time in nanoseconds; only the harness moves it. */
public final class VirtualClock {
    private long now;

    public long nanos() {
        return now;
    }

    void advanceTo(long t) {
        if (t < now) {
            throw new IllegalStateException("time cannot go back: " + t + " < " + now);
        }
        now = t;
    }

    /** Seconds (may be fractional) to nanoseconds, for readable test timelines. */
    public static long s(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
