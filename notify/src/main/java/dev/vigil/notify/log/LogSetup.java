package dev.vigil.notify.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.slf4j.LoggerFactory;

/**
 * Configures logback programmatically (no logback.xml): JSON or keepalived text, to stderr, a file and/or the local
 * syslog socket ({@link UnixSyslogAppender}; its header carries time, tag, pid and level, so its text lines have no
 * timestamp of their own). Calling it again (e.g. after a reload) replaces the previous configuration.
 */
public final class LogSetup {
    /** Libraries that are chatty at INFO/DEBUG. */
    private static final Map<String, Level> QUIET = Map.of(
            "io.netty", Level.WARN, "io.micronaut", Level.WARN, "org.eclipse.angus", Level.WARN,
            "jakarta.mail", Level.WARN, "com.icegreen", Level.WARN);
    private static final int ASYNC_QUEUE = 8192;
    private static final Pattern LOCAL = Pattern.compile("(?:local)?([0-7])");

    private LogSetup() {
    }

    /**
     * Replaces the logging configuration.
     *
     * @throws IllegalArgumentException when the facility is unknown, or the log file or syslog host cannot be used
     *                                  (the console, if asked for, is configured by then and shows the error too)
     */
    public static void configure(LogOptions opts) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (opts.syslogFacility() != null) {
            syslogFacility(opts.syslogFacility()); // an unknown facility fails before the old configuration goes
        }
        ctx.reset();
        if (!ctx.isStarted()) {
            ctx.start(); // after shutdown()
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        ctx.getLogger("dev.vigil").setLevel(opts.detail() ? Level.DEBUG : Level.INFO);
        QUIET.forEach((name, level) -> ctx.getLogger(name).setLevel(level));

        if (opts.console()) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            start(ctx, console, "console", encoder(ctx, opts.format(),
                    opts.journald() ? KeepalivedTextLayout.Prefix.JOURNALD : KeepalivedTextLayout.Prefix.CTIME));
            attach(ctx, root, console, opts.async());
        }
        if (opts.file() != null) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(opts.file().toString());
            file.setAppend(true);
            start(ctx, file, "file", encoder(ctx, opts.format(), KeepalivedTextLayout.Prefix.CTIME));
            if (!file.isStarted()) {
                throw new IllegalArgumentException("Unable to open log file " + opts.file());
            }
            attach(ctx, root, file, opts.async());
        }
        if (opts.syslogFacility() != null) {
            UnixSyslogAppender syslog = new UnixSyslogAppender();
            syslog.setFacility(opts.syslogFacility());
            syslog.setTag(opts.syslogIdent());
            syslog.setSocketPath(opts.syslogSocket());
            syslog.setEncoder(encoder(ctx, opts.format(), KeepalivedTextLayout.Prefix.NONE));
            syslog.setContext(ctx);
            syslog.setName("syslog");
            syslog.start();
            if (!syslog.isStarted()) {
                throw new IllegalArgumentException("Unable to log to syslog at " + opts.syslogSocket());
            }
            attach(ctx, root, syslog, opts.async());
        }
    }

    /**
     * keepalived's {@code -S} values: {@code 0}-{@code 7} or {@code local0}-{@code local7} are LOCAL0-7, and
     * {@code user}, {@code daemon} (the default) name themselves.
     *
     * @return logback's facility name
     * @throws IllegalArgumentException for anything else
     */
    public static String syslogFacility(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = LOCAL.matcher(v);
        if (m.matches()) {
            return "LOCAL" + m.group(1);
        }
        if (v.equals("user") || v.equals("daemon")) {
            return v.toUpperCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("Invalid log facility '" + value + "' (want 0-7, local0-7, user or daemon)");
    }

    /** Flushes and stops logging (asynchronous lines included); call before the process exits. */
    public static void shutdown() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static void start(LoggerContext ctx, OutputStreamAppender<ILoggingEvent> appender, String name,
                              Encoder<ILoggingEvent> encoder) {
        appender.setContext(ctx);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.start();
    }

    private static void attach(LoggerContext ctx, Logger root, Appender<ILoggingEvent> appender, boolean async) {
        if (!async) {
            root.addAppender(appender);
            return;
        }
        AsyncAppender wrapper = new AsyncAppender();
        wrapper.setContext(ctx);
        wrapper.setName("async-" + appender.getName());
        wrapper.setQueueSize(ASYNC_QUEUE);
        wrapper.setDiscardingThreshold(0); // keep every level until the buffer is full
        wrapper.setNeverBlock(true);       // then drop instead of blocking the caller
        wrapper.setMaxFlushTime(2000);
        wrapper.addAppender(appender);
        wrapper.start();
        root.addAppender(wrapper);
    }

    /**
     * The line encoder every destination uses: Vigil's JSON (secrets masked) or keepalived's text with {@code prefix}
     * (the daemon's start-up console uses it too).
     */
    public static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LogFormat format,
                                                  KeepalivedTextLayout.Prefix prefix) {
        if (format == LogFormat.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(ctx);
            json.getFieldNames().setTimestamp("ts");
            json.getFieldNames().setLogger("logger");
            json.getFieldNames().setVersion("[ignore]");
            json.getFieldNames().setLevelValue("[ignore]");
            json.getFieldNames().setThread("[ignore]");
            json.setIncludeContext(false);
            MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
            masking.setDefaultMask(SecretMasker.MASK);
            masking.addFieldMasker(context -> context.getCurrentName() != null
                    && SecretMasker.isSecretField(context.getCurrentName()) ? SecretMasker.MASK : null);
            masking.addValueMasker((context, value) -> {
                if (value instanceof CharSequence text) {
                    String masked = SecretMasker.maskText(text.toString());
                    return masked.equals(text.toString()) ? null : masked;
                }
                return null;
            });
            masking.start();
            json.setJsonGeneratorDecorator(masking);
            json.start();
            return json;
        }
        LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
        text.setContext(ctx);
        KeepalivedTextLayout layout = new KeepalivedTextLayout(prefix, ZoneId.systemDefault());
        layout.setContext(ctx);
        layout.start();
        text.setLayout(layout);
        text.start();
        return text;
    }
}
