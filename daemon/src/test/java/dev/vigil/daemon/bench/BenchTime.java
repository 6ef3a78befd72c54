package dev.vigil.daemon.bench;

import java.time.Instant;

/** Wall-clock microseconds, the unit tcpdump and {@code ping -D} timestamp in (both CLOCK_REALTIME). */
final class BenchTime {
    private BenchTime() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Parses "seconds.fraction" (any number of fraction digits, truncated to µs). */
    static long parseMicros(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(text) * 1_000_000L;
        }
        String frac = (text.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(text.substring(0, dot)) * 1_000_000L + Long.parseLong(frac);
    }
}
