package dev.vigil.daemon;

import dev.vigil.conf.settings.SyslogFacility;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.conf.settings.VigilSettings.LogDestination;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import java.nio.file.Path;

/**
 * The effective logging choice: settings overridden by the command line. Same shape as notify's
 * {@code LogOptions}, which will take it over.
 *
 * @param file           log file, or null
 * @param syslogFacility syslog facility, or null for no syslog
 */
public record LogConfig(LogFormat format, boolean console, Path file, SyslogFacility syslogFacility, boolean detail) {

    /**
     * Settings first; {@code -l}, {@code -D}, {@code -S}, {@code -G} and {@code --log-format} override them. An
     * explicit {@code -S} logs to syslog as keepalived does ({@code DAEMON_ARGS="-S 1"} with an rsyslog rule for
     * local1 keeps working): it replaces a console destination ({@code -l} keeps the console too, as with
     * keepalived) and adds to a file one; {@code -G} wins.
     */
    public static LogConfig of(VigilSettings.Logging settings, DaemonOptions options) {
        LogDestination dest = settings.destination();
        boolean dashS = options.logFacility().isPresent();
        boolean syslog = (dest == LogDestination.SYSLOG || dashS) && !options.noSyslog();
        Path file = dest == LogDestination.FILE ? settings.file() : null;
        // Never log nowhere: with syslog refused by -G and no file, the console takes over.
        boolean console = options.logConsole() || (dest == LogDestination.CONSOLE && !(dashS && syslog))
                || (!syslog && file == null);
        return new LogConfig(
                options.logFormat().orElse(settings.format()),
                console,
                file,
                syslog ? options.logFacility().orElse(settings.facility()) : null,
                options.logDetail() || settings.detail());
    }
}
