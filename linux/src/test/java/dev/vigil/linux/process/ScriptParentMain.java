package dev.vigil.linux.process;

import java.time.Duration;

/** A stand-in for the daemon in {@link ScriptRunnerDeathTest}: starts a script, then waits to be killed. */
public final class ScriptParentMain {

    private ScriptParentMain() {
    }

    public static void main(String[] args) throws Exception {
        new ScriptRunner(PosixUser.current(), false, Duration.ofSeconds(1)).run(ScriptCommand.parse(args[0]), null);
        Thread.sleep(Long.MAX_VALUE);
    }
}
