package dev.vigil.vrrp.track;

/**
 * How one run of a check script ended. {@code signal} is non-zero when the process was killed by it;
 * {@code timedOut} when Vigil killed it for exceeding the timeout.
 */
public record ScriptOutcome(int exitStatus, int signal, boolean timedOut) {

    public static ScriptOutcome exited(int status) {
        return new ScriptOutcome(status, 0, false);
    }

    public static ScriptOutcome killedBy(int signal) {
        return new ScriptOutcome(-1, signal, false);
    }

    public static ScriptOutcome timeout() {
        return new ScriptOutcome(-1, 15, true);
    }

    public boolean succeeded() {
        return !timedOut && signal == 0 && exitStatus == 0;
    }
}
