package dev.vigil.notify.mail;

import java.time.Duration;

/**
 * Tuning of {@link AlertQueue}.
 *
 * <p>Flap digest: a subject's transitions are mailed at once until {@code flapThreshold} of them fall within
 * {@code flapHold}; from that transition on, its mails are held. The hold ends when the subject has been quiet for
 * {@code flapHold}, or at the latest {@code flapMaxHold} after it began; then one digest mail lists every held
 * transition. With the defaults (4, 30 s, 2 min) a storm of 10 transitions in a minute sends 4 mails, while a start's
 * BACKUP, a failover and its failback a few seconds later are each mailed at once.
 *
 * @param capacity       alerts held while the server is unreachable; beyond it the oldest is dropped (and logged)
 * @param initialBackoff first retry delay after a failed delivery; doubled per consecutive failure
 * @param maxBackoff     cap of the retry delay
 * @param flapThreshold  the transition that makes this many of one subject within {@code flapHold} starts holding
 * @param flapHold       the quiet time that ends a hold, also the window the threshold counts in
 * @param flapMaxHold    the longest a transition is held: a storm that goes on gets one digest per max hold
 */
public record AlertQueueSettings(int capacity, Duration initialBackoff, Duration maxBackoff, int flapThreshold,
                                 Duration flapHold, Duration flapMaxHold) {
    public AlertQueueSettings {
        if (capacity < 1 || flapThreshold < 2) {
            throw new IllegalArgumentException("capacity must be >= 1 and flapThreshold >= 2");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
        if (flapHold.isNegative() || flapHold.isZero() || flapMaxHold.compareTo(flapHold) < 0) {
            throw new IllegalArgumentException("need 0 < flapHold <= flapMaxHold");
        }
    }

    /**
     * 1000 alerts, retries after 1 s doubling up to 5 min; the third transition of a subject within 30 s starts
     * holding, a hold ends after 30 s of quiet or 2 min.
     */
    public static AlertQueueSettings defaults() {
        return new AlertQueueSettings(1000, Duration.ofSeconds(1), Duration.ofMinutes(5), 4, Duration.ofSeconds(30),
                Duration.ofMinutes(2));
    }

    /** The delay before retry number {@code failures} (1-based): initial * 2^(failures-1), capped. */
    public Duration backoff(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initialBackoff.toMillis() << shift;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
