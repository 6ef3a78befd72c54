package dev.vigil.notify;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.events.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports how a notify script ended: success at DEBUG, anything else as a {@code notify.script_failed} event. */
public final class ScriptOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptOutcomes.class);

    private ScriptOutcomes() {
    }

    /**
     * @param subject what the script is about, e.g. {@code (VI_1)}
     * @param kind    the configuration keyword, e.g. {@code notify_master}
     * @param error   the exception that completed the script's future instead of a result, or null
     */
    public static void report(String subject, String kind, ScriptCommand script, ScriptResult result,
                              Throwable error) {
        if (error == null && result.succeeded()) {
            LOG.debug("{} {} script '{}' succeeded", subject, kind, script.commandLine());
            return;
        }
        ScriptResult r = error != null ? ScriptResult.notStarted(error.toString()) : result;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("script", script.commandLine());
        fields.put("kind", kind);
        fields.put("exit_code", r.exitCode());
        fields.put("signal", r.signal());
        fields.put("timed_out", r.timedOut());
        if (r.execError() != null) {
            fields.put("error", r.execError());
        }
        EventLog.emitWarning("notify.script_failed", fields,
                subject + " " + kind + " script '" + script.commandLine() + "' " + r.describe());
    }
}
