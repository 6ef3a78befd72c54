package dev.vigil.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import dev.vigil.notify.log.KeepalivedTextLayout.Prefix;
import dev.vigil.notify.log.LogOptions;
import dev.vigil.notify.log.LogSetup;
import dev.vigil.notify.log.UnixSyslogAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging: before the settings are read (and for one-shot commands) text lines on stderr in keepalived's
 * console format ({@code Sat Nov 21 04:13:42 2026: message}, or with a {@code <N>} level prefix when journald reads
 * stderr); then notify's {@link LogSetup} with the settings' destinations.
 */
public final class DaemonLogging {
    /** The syslog tag (openlog ident); Vigil is one process, so one tag for what keepalived's children log. */
    static final String SYSLOG_TAG = "Vigil";

    private DaemonLogging() {
    }

    /**
     * Console-only text logging at INFO: the state before settings are read, and for one-shot commands. Runs while
     * logback initialises, so it configures the given context directly.
     */
    static void configureDefault(LoggerContext context) {
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("io.micronaut").setLevel(Level.WARN);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        console.setContext(context);
        console.setName("console");
        console.setEncoder(LogSetup.encoder(context, dev.vigil.notify.log.LogFormat.TEXT,
                System.getenv("JOURNAL_STREAM") != null ? Prefix.JOURNALD : Prefix.CTIME));
        console.start();
        root.addAppender(console);
    }

    /**
     * Replaces the whole logging configuration with notify's {@link LogSetup} (keepalived text or JSON); syslog
     * goes to the local socket {@code /dev/log}, tagged {@code Vigil[pid]}.
     */
    public static void configure(LogConfig config) {
        configure(config, UnixSyslogAppender.DEV_LOG);
    }

    /** The same with syslog at another socket (tests). */
    static void configure(LogConfig config, Path syslogSocket) {
        LogOptions opts = new LogOptions(
                config.format() == LogFormat.JSON ? dev.vigil.notify.log.LogFormat.JSON
                        : dev.vigil.notify.log.LogFormat.TEXT,
                config.console(), config.file(),
                config.syslogFacility() == null ? null : config.syslogFacility().keyword(), config.detail())
                .withSyslog(SYSLOG_TAG, syslogSocket);
        try {
            LogSetup.configure(opts);
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(DaemonLogging.class).error("{}", e.getMessage());
        }
    }
}
