package dev.vigil.notify.log;

import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.net.SyslogAppenderBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Syslog over UDP (RFC 3164) with keepalived's shape: {@code <PRI>Mmm dd hh:mm:ss host ident[pid]: message}, the
 * message masked like every other line.
 */
final class KeepalivedSyslogAppender extends SyslogAppender {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private final String ident;

    KeepalivedSyslogAppender(String ident) {
        this.ident = ident;
    }

    @Override
    public Layout<ILoggingEvent> buildLayout() {
        int facility = SyslogAppenderBase.facilityStringToint(getFacility());
        String host = localHostName();
        long pid = ProcessHandle.current().pid();
        LayoutBase<ILoggingEvent> layout = new LayoutBase<>() {
            @Override
            public String doLayout(ILoggingEvent event) {
                int pri = facility + KeepalivedTextLayout.syslogSeverity(event.getLevel());
                return "<" + pri + ">" + STAMP.format(Instant.ofEpochMilli(event.getTimeStamp())
                        .atZone(ZoneId.systemDefault())) + " " + host + " " + ident + "[" + pid + "]: "
                        + SecretMasker.maskText(event.getFormattedMessage());
            }
        };
        layout.setContext(getContext());
        layout.start();
        return layout;
    }

    private static String localHostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
