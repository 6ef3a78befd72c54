package dev.vigil.notify.log;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how Vigil logs (keepalived's {@code -l}, {@code -g FILE}, {@code -S FACILITY}, {@code -G}, {@code -D}).
 *
 * @param format         JSON or TEXT
 * @param console        log to stderr ({@code -l}); TEXT lines get a ctime timestamp as {@code keepalived -l} prints
 * @param file           log file ({@code -g}), or null
 * @param syslogFacility syslog facility ({@code -S}: 0-7 = local0-7, or local0..local7, user, daemon), or null for no
 *                       syslog ({@code -G})
 * @param detail         {@code -D}: detail lines (DEBUG on Vigil's loggers)
 * @param journald       stderr is read by journald: no timestamp, {@code <N>} level prefixes (sd-daemon(3))
 * @param syslogIdent    the syslog tag, {@code Keepalived_vrrp}-style
 * @param syslogSocket   the local syslog socket, {@code /dev/log}
 * @param async          hand lines to a background writer so that a stalled stderr, disk or syslog never blocks
 *                       the VRRP thread; when its buffer is full, lines are dropped rather than waited for
 */
public record LogOptions(LogFormat format, boolean console, Path file, String syslogFacility, boolean detail,
                         boolean journald, String syslogIdent, Path syslogSocket, boolean async) {
    public LogOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(syslogIdent, "syslogIdent");
        Objects.requireNonNull(syslogSocket, "syslogSocket");
    }

    /** The contract's constructor: journald detected from {@code $JOURNAL_STREAM}, ident Vigil, syslog at /dev/log. */
    public LogOptions(LogFormat format, boolean console, Path file, String syslogFacility, boolean detail) {
        this(format, console, file, syslogFacility, detail, System.getenv("JOURNAL_STREAM") != null, "Vigil",
                UnixSyslogAppender.DEV_LOG, false);
    }

    public LogOptions withJournald(boolean on) {
        return new LogOptions(format, console, file, syslogFacility, detail, on, syslogIdent, syslogSocket, async);
    }

    /** Syslog tag and socket (tests bind their own socket). */
    public LogOptions withSyslog(String ident, Path socket) {
        return new LogOptions(format, console, file, syslogFacility, detail, journald, ident, socket, async);
    }

    public LogOptions withAsync(boolean on) {
        return new LogOptions(format, console, file, syslogFacility, detail, journald, syslogIdent, syslogSocket, on);
    }
}
