package dev.vigil.linux.process;

import java.time.Duration;

/**
 * How a script run ended.
 *
 * @param exitCode  the exit status, or -1 if the script was killed by a signal or never started
 * @param signal    the signal that killed it, 0 if none
 * @param timedOut  true if the runner killed it because its timeout expired
 * @param elapsed   wall time from launch to exit
 * @param execError why the script could not be started (missing, not executable, bad user), else {@code null}
 */
public record ScriptResult(int exitCode, int signal, boolean timedOut, Duration elapsed, String execError) {

    /** True for exit status 0 within the timeout. */
    public boolean succeeded() {
        return exitCode == 0 && signal == 0 && !timedOut && execError == null;
    }

    /** A script that could not be started. */
    public static ScriptResult notStarted(String execError) {
        return new ScriptResult(-1, 0, false, Duration.ZERO, execError);
    }

    /**
     * keepalived's wording of a failure, as used in {@code VRRP_Script(x) failed (...)} and MISC_CHECK logs:
     * {@code exited with status N} or {@code due to signal N}; {@code timed out} or the exec error otherwise.
     */
    public String describe() {
        if (execError != null) {
            return execError;
        }
        if (timedOut) {
            return "timed out";
        }
        if (signal != 0) {
            return "due to signal " + signal;
        }
        return "exited with status " + exitCode;
    }
}
