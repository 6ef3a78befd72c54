package dev.vigil.healthchecker.probe;

import dev.vigil.healthchecker.CheckResult;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.linux.process.ScriptRunner;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * MISC_CHECK through {@link ScriptRunner} (check/check_misc.c): exit 0 is up; with misc_dynamic, exit 2..255 is up
 * and sets the real server's weight to exit - 2; anything else, a signal or the timeout is down.
 */
public final class MiscProbe implements Probe {

    private final ScriptRunner runner;
    private final ScriptCommand command;
    private final Duration timeout;
    private final boolean dynamic;
    private final int configuredWeight;

    /** @param configuredWeight the real server's weight, from which misc_dynamic's weight is an offset */
    public MiscProbe(ScriptRunner runner, ScriptCommand command, Duration timeout, boolean dynamic,
                     int configuredWeight) {
        this.runner = runner;
        this.command = command;
        this.timeout = timeout;
        this.dynamic = dynamic;
        this.configuredWeight = configuredWeight;
    }

    @Override
    public CompletableFuture<CheckResult> run(EventLoop loop) {
        return runner.run(command, timeout).thenApply(this::judge);
    }

    CheckResult judge(ScriptResult r) {
        int status = r.exitCode();
        if (r.succeeded()) {
            return new CheckResult(true, r.describe(), dynamic ? 0 : null);
        }
        if (dynamic && r.execError() == null && !r.timedOut() && r.signal() == 0 && status >= 2 && status <= 255) {
            return new CheckResult(true, r.describe(), status - 2 - configuredWeight);
        }
        // "exited with status N", "due to signal N", "timed out" or why it could not start
        return CheckResult.down(r.describe());
    }
}
