package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's respawn schedule (lib/scheduler.c calc_restart_delay), on a virtual clock. */
class RespawnBackoffTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    /** Quick deaths, each {@code ranFor} after its restart; returns the delays in seconds. */
    private static List<Long> quickDeaths(RespawnBackoff b, int n, Duration ranFor) {
        List<Long> delays = new ArrayList<>();
        Instant start = T0;
        for (int i = 0; i < n; i++) {
            Instant died = start.plus(ranFor);
            Duration d = b.delayAfterDeath(start, died);
            delays.add(d.toSeconds());
            start = died.plus(d);
        }
        return delays;
    }

    @Test
    void quickDeathsDoubleTheDelayUpToAMinute() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                quickDeaths(new RespawnBackoff(), 9, Duration.ofSeconds(5)));
    }

    @Test
    void aSubsystemThatRanAMinuteRestartsAtOnceAndTheScheduleStartsOver() {
        RespawnBackoff b = new RespawnBackoff();
        quickDeaths(b, 4, Duration.ofMillis(10)); // 1, 2, 4, 8
        assertEquals(Duration.ZERO, b.delayAfterDeath(T0, T0.plusSeconds(60)), "exactly 60 s counts as stable");
        assertEquals(Duration.ofSeconds(1), b.delayAfterDeath(T0, T0.plusSeconds(3)));
        assertEquals(Duration.ofSeconds(2), b.delayAfterDeath(T0, T0.plusSeconds(3)));
        assertEquals(Duration.ZERO, b.delayAfterDeath(T0, T0.plus(Duration.ofHours(5))));
    }

    @Test
    void justUnderAMinuteIsStillQuick() {
        assertEquals(Duration.ofSeconds(1),
                new RespawnBackoff().delayAfterDeath(T0, T0.plusSeconds(60).minusNanos(1)));
    }
}
