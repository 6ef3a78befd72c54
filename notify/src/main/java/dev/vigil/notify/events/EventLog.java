package dev.vigil.notify.events;

import dev.vigil.notify.log.SecretMasker;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structured events: one log line per event on logger {@value #LOGGER}. In JSON logs the line carries
 * {@code event} and every field at the top level; in text logs it shows the keepalived-style text when one is given,
 * otherwise {@code event key=value ...}. Secrets are masked ({@link SecretMasker}).
 *
 * <p>Every event name must be documented in docs/events.md (a test scans the sources for
 * {@code EventLog.emit("...")} and fails on an undocumented one), so names are always string literals.
 */
public final class EventLog {
    public static final String LOGGER = "dev.vigil.events";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private EventLog() {
    }

    /** Emits an event at INFO with a generated text line. */
    public static void emit(String event, Map<String, ?> fields) {
        emit(event, fields, null);
    }

    /**
     * Emits an event at INFO.
     *
     * @param text the keepalived-style line for text logs (e.g. {@code (VI_1) Entering MASTER STATE}), or null
     */
    public static void emit(String event, Map<String, ?> fields, String text) {
        if (LOG.isInfoEnabled()) {
            Map<String, Object> masked = SecretMasker.maskFields(fields);
            LOG.info(marker(event, masked), "{}", line(event, masked, text));
        }
    }

    /** Emits an event at WARN (something went wrong that an operator should see). */
    public static void emitWarning(String event, Map<String, ?> fields, String text) {
        if (LOG.isWarnEnabled()) {
            Map<String, Object> masked = SecretMasker.maskFields(fields);
            LOG.warn(marker(event, masked), "{}", line(event, masked, text));
        }
    }

    private static LogstashMarker marker(String event, Map<String, Object> fields) {
        // Fails fast under test (-ea); in production a badly named event is still logged rather than thrown
        // at the VRRP thread.
        assert NAME.matcher(event).matches() : "bad event name '" + event + "' (want e.g. vrrp.state_change)";
        return Markers.append("event", event).and(Markers.appendEntries(fields));
    }

    private static String line(String event, Map<String, Object> fields, String text) {
        if (text != null) {
            return SecretMasker.maskText(text);
        }
        return fields.isEmpty() ? event : event + " " + fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
