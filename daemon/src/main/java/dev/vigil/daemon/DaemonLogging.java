package dev.vigil.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.vigil.conf.settings.VigilSettings.LogFormat;
import net.logstash.logback.encoder.LogstashEncoder;
import dev.vigil.notify.log.LogOptions;
import dev.vigil.notify.log.LogSetup;
import dev.vigil.notify.log.UnixSyslogAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Minimal logback set-up for the daemon until notify's {@code LogSetup} replaces it: console (stderr) and file, text
 * in keepalived's console format ({@code Sat Nov 21 04:13:42 2026: message}) or one JSON object per line.
 */
public final class DaemonLogging {
    /** keepalived's {@code -l -n} console line. */
    static final String TEXT_PATTERN = "%d{EEE MMM dd HH:mm:ss yyyy}: %msg%n";
    /** The syslog tag (openlog ident); Vigil is one process, so one tag for what keepalived's children log. */
    static final String SYSLOG_TAG = "Vigil";

    private DaemonLogging() {
    }

    /** Console-only text logging at INFO: the state before settings are read, and for one-shot commands. */
    static void configureDefault(LoggerContext context) {
        apply(context, new LogConfig(LogFormat.TEXT, true, null, null, false));
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

    private static void apply(LoggerContext context, LogConfig config) {
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger("dev.vigil").setLevel(config.detail() ? Level.DEBUG : Level.INFO);
        context.getLogger("io.micronaut").setLevel(Level.WARN);
        if (config.console() || config.syslogFacility() != null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            start(context, root, console, "console", config.format());
        }
        if (config.file() != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(config.file().toString());
            file.setAppend(true);
            start(context, root, file, "file", config.format());
        }
    }

    private static void start(LoggerContext context, ch.qos.logback.classic.Logger root,
                              OutputStreamAppender<ILoggingEvent> appender, String name, LogFormat format) {
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder(context, format));
        appender.start();
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
