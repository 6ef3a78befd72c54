package dev.vigil.linux.testing;

import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion for a test: the one place tests wait for {@code ip}, {@code tcpdump} and friends
 * ({@link CommandRunner} underneath, which the lab uses too).
 */
public final class Exec {
    private Exec() {
    }

    /** Runs {@code cmd} with stderr merged into the output; never throws (a failure is a result with exit -1). */
    public static CommandRunner.Result run(List<String> cmd, Duration timeout) {
        return CommandRunner.run(cmd, timeout);
    }

    /** Runs {@code cmd} (30 s at most) and returns its stdout; throws with its stderr when it fails. */
    public static String check(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CommandRunner.drain(p.getInputStream());
        CompletableFuture<String> err = CommandRunner.drain(p.getErrorStream());
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                ProcessStopper.kill(p);
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + err.join().trim());
            }
            return out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessStopper.kill(p);
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
