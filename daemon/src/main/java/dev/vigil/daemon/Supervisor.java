package dev.vigil.daemon;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's parent process, for subsystems that are threads instead of child processes: when the VRRP or the
 * checker subsystem dies (its thread ends on an uncaught exception), it logs keepalived's
 * {@code ... died: Respawning} line and restarts that subsystem alone, after {@link RespawnBackoff}'s delay
 * ({@code Restart of ... delayed N seconds to limit respawn rate}). The other subsystem is not touched. The restart
 * runs on the daemon's supervisor thread ({@link SignalRouter#submit}), so it never overlaps a reload or the stop;
 * the subsystem reconciles what its predecessor left in the kernel. A restart that fails for good (configuration,
 * permissions) stops the daemon with keepalived's exit code, as keepalived's parent does; with {@code -R}
 * ({@code --dont-respawn}) any death stops it.
 */
@Singleton
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** A subsystem the supervisor restarts. */
    interface Restartable {
        /** Its name in keepalived's log lines: {@code VRRP}, {@code Healthcheck}. */
        String name();

        /** Starts it again from the current configuration, after its predecessor died. On the supervisor thread. */
        void restart() throws StartFailure;
    }

    /** A subsystem could not start; a permanent failure (configuration, permissions) is not retried. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        /** @param exitCode keepalived's exit code for a permanent failure, {@link ExitCodes#OK} for a passing one */
        StartFailure(String message, int exitCode, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        boolean permanent() {
            return exitCode != ExitCodes.OK;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** Delays restarts; a real timer thread in the daemon, recorded in tests. */
    interface Scheduler {
        void schedule(Runnable task, Duration delay);

        void close();
    }

    private static final class Watched {
        final RespawnBackoff backoff = new RespawnBackoff();
        volatile Instant startedAt;
        volatile Predicate<Thread> threads = t -> false;
        /** A restart is scheduled or under way: further deaths of the same generation are one death. */
        final AtomicBoolean restarting = new AtomicBoolean();

        Watched(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }

    private final boolean dontRespawn;
    private final SignalRouter router;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<Restartable, Watched> watched = new ConcurrentHashMap<>();
    private final Thread.UncaughtExceptionHandler previousHandler;
    private volatile int exitCode = ExitCodes.OK;

    @Inject
    public Supervisor(DaemonOptions options, SignalRouter router) {
        this(options, router, Clock.systemUTC(), timerThread());
    }

    Supervisor(DaemonOptions options, SignalRouter router, Clock clock, Scheduler scheduler) {
        this.dontRespawn = options.dontRespawn();
        this.router = router;
        this.clock = clock;
        this.scheduler = scheduler;
        this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    }

    private static Scheduler timerThread() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-respawn");
            t.setDaemon(true);
            return t;
        });
        return new Scheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }

    /** {@code subsystem} has just started; it reports its death through {@link #died}. */
    void watch(Restartable subsystem) {
        watched.put(subsystem, new Watched(clock.instant()));
    }

    /** The same, and a thread matching {@code threads} that ends on an uncaught exception is its death. */
    void watch(Restartable subsystem, Predicate<Thread> threads) {
        watch(subsystem);
        watched.get(subsystem).threads = threads;
    }

    /**
     * {@code subsystem} died of {@code cause} (whose stack trace the caller has logged): schedule its restart (or stop
     * the daemon with {@code -R}).
     */
    void died(Restartable subsystem, Throwable cause) {
        Watched w = watched.get(subsystem);
        if (w == null || !w.restarting.compareAndSet(false, true)) {
            return; // not watched, or another of its threads already reported this death
        }
        if (dontRespawn) {
            LOG.error("{} subsystem died: Exiting ({})", subsystem.name(), cause.toString());
            terminate(ExitCodes.FATAL);
            return;
        }
        LOG.error("{} subsystem died: Respawning ({})", subsystem.name(), cause.toString());
        Duration delay = w.backoff.delayAfterDeath(w.startedAt, clock.instant());
        if (delay.isZero()) {
            router.submit(() -> restart(subsystem, w));
        } else {
            LOG.info("Restart of {} subsystem delayed {} seconds to limit respawn rate", subsystem.name(),
                    delay.toSeconds());
            scheduler.schedule(() -> router.submit(() -> restart(subsystem, w)), delay);
        }
    }

    private void restart(Restartable subsystem, Watched w) {
        LOG.info("Restarting the {} subsystem", subsystem.name());
        w.startedAt = clock.instant();
        w.restarting.set(false);
        try {
            subsystem.restart();
        } catch (StartFailure e) {
            if (e.permanent()) {
                w.restarting.set(true);
                LOG.error("{} subsystem exited with permanent error {}. Terminating", subsystem.name(),
                        ExitCodes.describe(e.exitCode()));
                LOG.error("{}", e.getMessage());
                terminate(e.exitCode());
            } else {
                died(subsystem, e);
            }
        }
    }

    private void terminate(int code) {
        exitCode = code;
        router.deliver(VigilSignal.TERM);
    }

    private void uncaught(Thread thread, Throwable e) {
        LOG.error("Thread {} died", thread.getName(), e);
        for (Map.Entry<Restartable, Watched> entry : watched.entrySet()) {
            if (entry.getValue().threads.test(thread)) {
                died(entry.getKey(), e);
                return;
            }
        }
    }

    /** {@link ExitCodes#OK}, or the code the daemon must exit with because a subsystem could not be kept running. */
    int exitCode() {
        return exitCode;
    }

    @PreDestroy
    public void close() {
        scheduler.close();
        if (Thread.getDefaultUncaughtExceptionHandler() != null) {
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
    }
}
