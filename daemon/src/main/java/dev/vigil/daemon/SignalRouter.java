package dev.vigil.daemon;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns asynchronous signals into ordered work on the daemon's supervisor thread. Signal handlers only
 * {@link #deliver(VigilSignal)}; {@link #runUntilStop()} runs the registered handlers one signal at a time, so a
 * SIGHUP arriving during a reload waits for it (as in keepalived) and subsystems never see two signals at once.
 * Subsystems obtain the router as a bean and register with {@link #on(VigilSignal, Runnable)}. Other work that must
 * not overlap a reload or the stop (restarting a crashed subsystem) is queued with {@link #submit(Runnable)}.
 */
public final class SignalRouter {
    private static final Logger LOG = LoggerFactory.getLogger(SignalRouter.class);

    /** A queued signal or task: exactly one of the two is set. */
    private record Work(VigilSignal signal, Runnable task) {}

    private final BlockingQueue<Work> pending = new LinkedBlockingQueue<>();
    private final Map<VigilSignal, List<Runnable>> handlers = new EnumMap<>(VigilSignal.class);

    public SignalRouter() {
        for (VigilSignal s : VigilSignal.values()) {
            handlers.put(s, new CopyOnWriteArrayList<>());
        }
    }

    /** Runs {@code handler} on the supervisor thread each time {@code signal} arrives (for TERM/INT: before stopping). */
    public void on(VigilSignal signal, Runnable handler) {
        handlers.get(signal).add(handler);
    }

    /** Queues a signal; safe from any thread, never blocks. */
    public void deliver(VigilSignal signal) {
        pending.add(new Work(signal, null));
    }

    /**
     * Queues {@code task} to run on the supervisor thread between signals; safe from any thread, never blocks. Tasks
     * still queued when a stop signal has been handled never run.
     */
    public void submit(Runnable task) {
        pending.add(new Work(null, task));
    }

    /**
     * Handles queued signals in arrival order until TERM or INT; returns that stop signal. A failing handler is
     * logged and does not stop the loop.
     */
    public VigilSignal runUntilStop() throws InterruptedException {
        while (true) {
            Work work = pending.take();
            if (work.task() != null) {
                try {
                    work.task().run();
                } catch (RuntimeException e) {
                    LOG.error("Supervisor task failed", e);
                }
                continue;
            }
            VigilSignal signal = work.signal();
            for (Runnable handler : handlers.get(signal)) {
                try {
                    handler.run();
                } catch (RuntimeException e) {
                    LOG.error("Handler for SIG{} failed", signal, e);
                }
            }
            if (signal.stops()) {
                return signal;
            }
        }
    }
}
