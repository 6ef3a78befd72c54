package dev.vigil.notify.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link AlertScheduler} on one daemon thread, {@code vigil-mail}; slow SMTP servers block only this thread. */
public final class ExecutorAlertScheduler implements AlertScheduler, AutoCloseable {
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-mail");
        t.setDaemon(true);
        return t;
    });

    public ExecutorAlertScheduler(Clock clock) {
        this.clock = clock;
    }

    public ExecutorAlertScheduler() {
        this(Clock.systemUTC());
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        if (!executor.isShutdown()) {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
