package dev.vigil.vrrp.runtime;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.vrrp.config.TrackScriptConfig;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.ScriptTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each tracked {@code vrrp_script} every {@code interval} with {@link ScriptRunner} (never waiting for it: the
 * result comes back through {@code post}, onto the VRRP thread) and feeds results to its {@link ScriptTracker}.
 * A script still running when its next run is due is not started twice.
 */
final class TrackScripts {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.vrrp");

    private record Script(TrackScriptConfig config, ScriptCommand command, ScriptTracker tracker) {}

    private final Map<String, Script> scripts = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<ScriptResult>> running = new LinkedHashMap<>();
    private final ScriptRunner runner;

    TrackScripts(List<TrackScriptConfig> configs, ScriptRunner runner) {
        this.runner = runner;
        add(configs);
    }

    /**
     * Adds the scripts not known yet (a reload that adds tracking instances); returns their names. A known script
     * keeps running with its first settings.
     */
    List<String> add(List<TrackScriptConfig> configs) {
        List<String> added = new ArrayList<>();
        for (TrackScriptConfig c : configs) {
            if (!scripts.containsKey(c.name())) {
                ScriptCommand cmd = ScriptCommand.parse(c.command(), c.user(), c.group());
                scripts.put(c.name(), new Script(c, cmd, new ScriptTracker(c.spec())));
                added.add(c.name());
            }
        }
        return added;
    }

    List<String> names() {
        return List.copyOf(scripts.keySet());
    }

    /** The tracker's OK state: true, false, or null before the first result (or for an unknown script). */
    Boolean ok(String name) {
        Script s = scripts.get(name);
        return s == null ? null : s.tracker().ok();
    }

    /**
     * Starts the script unless it is still running; {@code onDone} is called with the outcome on the runner's
     * thread. Returns the interval in nanoseconds until the next run.
     */
    long launch(String name, BiConsumer<String, ScriptOutcome> onDone) {
        Script s = scripts.get(name);
        CompletableFuture<ScriptResult> busy = running.get(name);
        if (busy == null || busy.isDone()) {
            CompletableFuture<ScriptResult> f = runner.run(s.command(), s.config().spec().timeout());
            running.put(name, f);
            f.whenComplete((r, e) -> onDone.accept(name, outcome(name, r, e)));
        }
        return s.config().spec().interval().toNanos();
    }

    /** Feeds a result (on the VRRP thread); returns the tracker's update. */
    ScriptTracker.Update onResult(String name, ScriptOutcome outcome) {
        return scripts.get(name).tracker().onResult(outcome);
    }

    private static ScriptOutcome outcome(String name, ScriptResult r, Throwable e) {
        if (e != null || r == null) {
            LOG.warn("VRRP_Script({}) could not be run: {}", name, e);
            return ScriptOutcome.exited(126);
        }
        if (r.execError() != null) {
            LOG.warn("VRRP_Script({}) could not be run: {}", name, r.execError());
            return ScriptOutcome.exited(126);
        }
        if (r.timedOut()) {
            return ScriptOutcome.timeout();
        }
        if (r.signal() != 0) {
            return ScriptOutcome.killedBy(r.signal());
        }
        return ScriptOutcome.exited(r.exitCode());
    }

    /** Kills nothing (the runner owns its processes); forgets pending runs. */
    void clear() {
        running.clear();
    }
}
