package dev.vigil.conf.settings;

import java.util.Locale;
import java.util.Optional;

/**
 * A syslog facility as keepalived's {@code -S} accepts it: {@code 0}-{@code 7} (meaning local0-local7),
 * {@code local0}-{@code local7}, {@code user} or {@code daemon}.
 */
public enum SyslogFacility {
    USER(1), DAEMON(3),
    LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    /** The facility number of RFC 5424 (daemon = 3, local0 = 16...). */
    public int code() {
        return code;
    }

    /** The lower-case name used in logs and by logback ({@code daemon}, {@code local3}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses keepalived's spellings; empty when {@code text} is none of them. */
    public static Optional<SyslogFacility> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() == 1 && t.charAt(0) >= '0' && t.charAt(0) <= '7') {
            t = "local" + t;
        }
        for (SyslogFacility f : values()) {
            if (f.keyword().equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
