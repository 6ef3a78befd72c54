package dev.vigil.linux.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a child process and waits for it: {@link #kill} at once (SIGKILL), {@link #stop} politely first (SIGTERM,
 * then SIGKILL once a grace period has passed). Both reach the child's own children too, so a daemon's helpers
 * never outlive it, and both give up waiting after {@link #KILL_WAIT}: a process in uninterruptible sleep must not
 * hang the caller for ever.
 */
public final class ProcessStopper {
    /** How long to wait for a SIGKILLed process to be reaped. */
    public static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ProcessStopper() {
    }

    /** SIGKILL to {@code process} and its descendants, then waits for it; true when it has exited. */
    public static boolean kill(Process process) {
        // children first, while they are still its descendants: once it has died they are re-parented out of reach
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return await(process, KILL_WAIT);
    }

    /**
     * SIGTERM to {@code process}, then {@link #kill} if it has not exited within {@code grace}; true when it has
     * exited. An interrupt while waiting skips to the kill (and stays set).
     */
    public static boolean stop(Process process, Duration grace) {
        process.destroy();
        return await(process, grace) || kill(process);
    }

    private static boolean await(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
