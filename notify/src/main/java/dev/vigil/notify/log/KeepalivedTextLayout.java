package dev.vigil.notify.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;

/**
 * keepalived's text lines: the message as written ({@code (VI_1) Entering MASTER STATE}), prefixed by a ctime-style
 * timestamp ({@code Sat Nov 21 04:13:42 2026: }) as {@code keepalived -l} prints on the console, or by a
 * {@code <N>} syslog level for journald. Registered secrets are masked.
 */
public final class KeepalivedTextLayout extends LayoutBase<ILoggingEvent> {
    /** Prefix of each line. */
    public enum Prefix { CTIME, JOURNALD, NONE }

    private final Prefix prefix;
    private final ZoneId zone;

    public KeepalivedTextLayout(Prefix prefix, ZoneId zone) {
        this.prefix = prefix;
        this.zone = zone;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        switch (prefix) {
            case CTIME -> line.append(CLocaleTime.CTIME.format(
                    Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone))).append(": ");
            case JOURNALD -> line.append('<').append(syslogSeverity(event.getLevel())).append('>');
            case NONE -> { }
        }
        line.append(SecretMasker.maskText(event.getFormattedMessage())).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(SecretMasker.maskText(ThrowableProxyUtil.asString(thrown))).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    /** syslog(3) severity of a level: ERROR 3, WARN 4, INFO 6, DEBUG/TRACE 7. */
    static int syslogSeverity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }
}
