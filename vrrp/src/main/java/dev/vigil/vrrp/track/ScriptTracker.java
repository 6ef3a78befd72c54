package dev.vigil.vrrp.track;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's rise/fall hysteresis for one {@code vrrp_script} (vrrp_scheduler.c), fed with results.
 * The counter runs 0..rise+fall−1 and the script is OK while it is ≥ rise. Before the first result the
 * state is unknown, and a single result decides it (unless {@code init_fail}, which starts failed).
 */
public final class ScriptTracker {

    /** What one result changed: log lines in keepalived's wording, and the new OK state if it flipped. */
    public record Update(List<String> logLines, Boolean nowOk) {
        public boolean changed() {
            return nowOk != null;
        }
    }

    private final ScriptSpec spec;
    private int result;
    private boolean initialising;
    private Boolean ok;
    private int lastStatus;

    public ScriptTracker(ScriptSpec spec) {
        this.spec = spec;
        if (spec.initFail()) {
            result = 0;
            ok = false;
        } else {
            result = spec.rise() - 1; // one success is enough
            initialising = true;
        }
    }

    /** True = OK, false = failed, null = no result yet. */
    public Boolean ok() {
        return ok;
    }

    public ScriptSpec spec() {
        return spec;
    }

    public Update onResult(ScriptOutcome outcome) {
        List<String> logs = new ArrayList<>();
        if (!outcome.timedOut() && outcome.signal() == 0 && outcome.exitStatus() != lastStatus) {
            logs.add("Script `" + spec.name() + "` now returning " + outcome.exitStatus());
            lastStatus = outcome.exitStatus();
        }
        Boolean flipped = null;
        int top = spec.rise() + spec.fall() - 1;
        if (outcome.succeeded()) {
            if (result < spec.rise() - 1) {
                result++;
            } else if (result != top) {
                if (result < spec.rise()) {
                    logs.add("VRRP_Script(" + spec.name() + ") succeeded");
                    flipped = true;
                }
                result = top;
            }
        } else {
            if (result > spec.rise()) {
                result--;
            } else {
                if (result == spec.rise() || initialising) {
                    logs.add("VRRP_Script(" + spec.name() + ") " + failureText(outcome));
                    flipped = false;
                }
                result = 0;
            }
        }
        initialising = false;
        if (flipped != null) {
            ok = flipped;
        }
        return new Update(List.copyOf(logs), flipped);
    }

    private static String failureText(ScriptOutcome o) {
        if (o.timedOut()) {
            return "timed_out";
        }
        if (o.signal() != 0) {
            return "failed (due to signal " + o.signal() + ")";
        }
        return "failed (exited with status " + o.exitStatus() + ")";
    }
}
