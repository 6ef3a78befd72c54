package dev.vigil.notify.mail;

import java.time.Duration;

/**
 * Tuning of {@link AlertQueue}.
 *
 * @param capacity       alerts held while the server is unreachable; beyond it the oldest is dropped (and logged)
 * @param initialBackoff first retry delay after a failed delivery; doubled per consecutive failure
 * @param maxBackoff     cap of the retry delay
 * @param flapThreshold  this many alerts of one source within {@code flapWindow} make a flap storm
 * @param flapWindow     the storm window, also the interval at which a storm's digest mail is sent
 */
public record AlertQueueSettings(int capacity, Duration initialBackoff, Duration maxBackoff, int flapThreshold,
                                 Duration flapWindow) {
    public AlertQueueSettings {
        if (capacity < 1 || flapThreshold < 2) {
            throw new IllegalArgumentException("capacity must be >= 1 and flapThreshold >= 2");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
    }

    /** 1000 alerts, retries after 1 s doubling up to 5 min, storms of 10 alerts per minute coalesced. */
    public static AlertQueueSettings defaults() {
        return new AlertQueueSettings(1000, Duration.ofSeconds(1), Duration.ofMinutes(5), 10, Duration.ofMinutes(1));
    }

    /** The delay before retry number {@code failures} (1-based): initial * 2^(failures-1), capped. */
    public Duration backoff(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initialBackoff.toMillis() << shift;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
