package dev.vigil.daemon;

import java.time.Duration;
import java.time.Instant;

/**
 * keepalived's respawn rate limit for a crashed subsystem (lib/scheduler.c {@code calc_restart_delay()}): a
 * subsystem that had run for at least {@link #STABLE_RUN} restarts at once and the schedule starts over; otherwise
 * it waits 1, 2, 4, ... seconds, doubling at each quick death, capped at {@link #CAP}. Pure: the caller supplies
 * the times. One instance per subsystem.
 */
final class RespawnBackoff {
    static final Duration STABLE_RUN = Duration.ofSeconds(60);
    static final Duration CAP = Duration.ofSeconds(60);
    private static final Duration FIRST = Duration.ofSeconds(1);

    private Duration next = FIRST;

    /**
     * The delay before restarting a subsystem that started at {@code startedAt} and died at {@code diedAt}; moves
     * the schedule on.
     */
    Duration delayAfterDeath(Instant startedAt, Instant diedAt) {
        if (Duration.between(startedAt, diedAt).compareTo(STABLE_RUN) >= 0) {
            next = FIRST;
            return Duration.ZERO;
        }
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(CAP) > 0 ? CAP : doubled;
        return delay;
    }
}
