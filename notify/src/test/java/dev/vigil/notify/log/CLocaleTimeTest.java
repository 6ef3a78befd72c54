package dev.vigil.notify.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The fixed-name formatters write exactly what the locale-driven patterns (and the C library) write. */
class CLocaleTimeTest {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter CTIME_MICROS =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss.SSSSSS yyyy", Locale.ROOT);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    @Test
    void everyDayAndMonthMatchesTheLocalePatterns() {
        // 400 days from a Sunday, 7 h 37 min 13.000412 s apart: every weekday, month, one- and two-digit day
        ZonedDateTime t = ZonedDateTime.of(2026, 1, 4, 0, 0, 5, 412_000, ZoneId.of("Europe/Paris"));
        for (int i = 0; i < 1_300; i++, t = t.plusMinutes(457).plusSeconds(13)) {
            assertEquals(CTIME.format(t), CLocaleTime.CTIME.format(t));
            assertEquals(CTIME_MICROS.format(t), CLocaleTime.CTIME_MICROS.format(t));
            assertEquals(SYSLOG.format(t), CLocaleTime.SYSLOG.format(t));
            assertEquals(RFC822.format(t), CLocaleTime.RFC822.format(t));
        }
    }

    @Test
    void writesTheCLibrarysText() {
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 1, 4, 13, 42, 123_456_000, ZoneOffset.UTC);
        assertEquals("Sun Nov  1 04:13:42 2026", CLocaleTime.CTIME.format(t));
        assertEquals("Sun Nov  1 04:13:42.123456 2026", CLocaleTime.CTIME_MICROS.format(t));
        assertEquals("Nov  1 04:13:42", CLocaleTime.SYSLOG.format(t));
        assertEquals("Sun, 01 Nov 2026 04:13:42 +0000", CLocaleTime.RFC822.format(t));
        assertEquals("Sun, 01 Nov 2026 05:13:42 +0100",
                CLocaleTime.RFC822.format(t.withZoneSameInstant(ZoneOffset.ofHours(1))));
    }
}
