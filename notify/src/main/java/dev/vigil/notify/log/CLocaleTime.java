package dev.vigil.notify.log;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.DAY_OF_WEEK;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MICRO_OF_SECOND;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Map;

/**
 * Timestamps as the C library writes them in the C locale (ctime, syslog, mail dates), built with fixed English day
 * and month names. A pattern such as {@code "EEE MMM"} would ask the JDK's locale providers for the names, and the
 * CLDR provider then loads its tables for about 1,000 locales, which stay resident (0.6 MB) for the daemon's life.
 * (Jakarta Mail's {@code MimeMessage} still loads them once a mail goes out; a daemon without alert mail is spared.)
 */
public final class CLocaleTime {
    private static final Map<Long, String> DAYS = Map.of(1L, "Mon", 2L, "Tue", 3L, "Wed", 4L, "Thu", 5L, "Fri",
            6L, "Sat", 7L, "Sun");
    private static final Map<Long, String> MONTHS = Map.ofEntries(Map.entry(1L, "Jan"), Map.entry(2L, "Feb"),
            Map.entry(3L, "Mar"), Map.entry(4L, "Apr"), Map.entry(5L, "May"), Map.entry(6L, "Jun"),
            Map.entry(7L, "Jul"), Map.entry(8L, "Aug"), Map.entry(9L, "Sep"), Map.entry(10L, "Oct"),
            Map.entry(11L, "Nov"), Map.entry(12L, "Dec"));

    /** ctime(3), {@code %a %b %e %H:%M:%S %Y}: {@code Sat Nov  1 04:13:42 2026}. */
    public static final DateTimeFormatter CTIME = dayMonthDay().appendLiteral(' ').append(time())
            .appendLiteral(' ').appendValue(YEAR, 4).toFormatter();
    /** ctime with microseconds, as keepalived's data dump: {@code Sat Nov  1 04:13:42.123456 2026}. */
    public static final DateTimeFormatter CTIME_MICROS = dayMonthDay().appendLiteral(' ').append(time())
            .appendLiteral('.').appendValue(MICRO_OF_SECOND, 6).appendLiteral(' ').appendValue(YEAR, 4).toFormatter();
    /** glibc syslog(3), {@code %h %e %T}: {@code Nov  1 04:13:42}. */
    public static final DateTimeFormatter SYSLOG = new DateTimeFormatterBuilder().appendText(MONTH_OF_YEAR, MONTHS)
            .appendLiteral(' ').padNext(2).appendValue(DAY_OF_MONTH).appendLiteral(' ').append(time()).toFormatter();
    /** RFC 822 as strftime {@code "%a, %d %b %Y %H:%M:%S %z"}: {@code Sat, 01 Nov 2026 04:13:42 +0000}. */
    public static final DateTimeFormatter RFC822 = new DateTimeFormatterBuilder().appendText(DAY_OF_WEEK, DAYS)
            .appendLiteral(", ").appendValue(DAY_OF_MONTH, 2).appendLiteral(' ').appendText(MONTH_OF_YEAR, MONTHS)
            .appendLiteral(' ').appendValue(YEAR, 4).appendLiteral(' ').append(time()).appendLiteral(' ')
            .appendOffset("+HHMM", "+0000").toFormatter();

    private CLocaleTime() {
    }

    /** {@code Sat Nov  1}: the day of month space-padded to two characters. */
    private static DateTimeFormatterBuilder dayMonthDay() {
        return new DateTimeFormatterBuilder().appendText(DAY_OF_WEEK, DAYS).appendLiteral(' ')
                .appendText(MONTH_OF_YEAR, MONTHS).appendLiteral(' ').padNext(2).appendValue(DAY_OF_MONTH);
    }

    private static DateTimeFormatter time() {
        return new DateTimeFormatterBuilder().appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
                .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':').appendValue(SECOND_OF_MINUTE, 2).toFormatter();
    }
}
