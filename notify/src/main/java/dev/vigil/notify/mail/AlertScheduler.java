package dev.vigil.notify.mail;

import java.time.Duration;
import java.time.Instant;

/**
 * Time and deferred work for {@link AlertQueue}: a real single-thread executor in production
 * ({@link ExecutorAlertScheduler}), a virtual clock in unit tests. Tasks run one at a time and never on the thread
 * that submitted an alert.
 */
public interface AlertScheduler {
    Instant now();

    /** Runs the task once after the delay (zero = as soon as possible). */
    void schedule(Duration delay, Runnable task);
}
