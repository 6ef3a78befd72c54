package dev.vigil.notify.mail;

import dev.vigil.notify.events.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts without ever blocking the caller, and without losing one silently.
 *
 * <ul>
 *   <li>{@link #submit} only enqueues; delivery runs on the {@link AlertScheduler}'s thread, in order.</li>
 *   <li>A failed delivery is retried with exponential backoff ({@link AlertQueueSettings#backoff}) until the server
 *       accepts it; a permanent refusal (5xx, authentication) is logged and the alert dropped.</li>
 *   <li>When more than {@code capacity} alerts wait, the oldest is dropped and logged with its subject.</li>
 *   <li>A flap storm ({@code flapThreshold} alerts of one source within {@code flapWindow}) is coalesced: that
 *       alert, the source's alerts still waiting and the source's further alerts go into one digest mail per window.
 *       </li>
 *   <li>{@link #drainBeforeExit} delivers what is left before the process exits.</li>
 * </ul>
 */
public final class AlertQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);

    private volatile MailTransport transport;
    private final AlertQueueSettings settings;
    private final AlertScheduler scheduler;

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Map<String, FlapTracker> trackers = new HashMap<>();
    private Pending inFlight;
    private boolean pumpScheduled;
    private int consecutiveFailures;
    private boolean draining;
    private long delivered;
    private long dropped;

    public AlertQueue(MailTransport transport, AlertQueueSettings settings, AlertScheduler scheduler) {
        this.transport = transport;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /** Queues an alert for delivery; returns at once. */
    public synchronized void submit(AlertMessage alert) {
        FlapTracker tracker = trackers.computeIfAbsent(alert.source(), s -> new FlapTracker());
        Instant now = scheduler.now();
        tracker.record(now, settings.flapWindow());
        if (tracker.digest != null) {
            tracker.digest.add(alert);
            return;
        }
        if (tracker.count() >= settings.flapThreshold() && !draining) {
            startDigest(alert, tracker);
            return;
        }
        enqueue(new Pending(alert));
    }

    /**
     * Delivers every waiting alert (storm digests included) before the process exits, retrying failures at the
     * initial backoff. Blocks the calling (shutdown) thread up to the timeout.
     *
     * @return true when nothing is left undelivered; otherwise each undelivered alert has been logged
     */
    public boolean drainBeforeExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            draining = true;
            for (String source : List.copyOf(trackers.keySet())) {
                flushDigest(source);
            }
            consecutiveFailures = 0;
            // Retry now even if a backoff pump is pending: pumps run one at a time, an extra one is harmless.
            scheduler.schedule(Duration.ZERO, this::pump);
            try {
                while (!queue.isEmpty() || inFlight != null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (queue.isEmpty() && inFlight == null) {
                return true;
            }
            for (Pending p : queue) {
                LOG.warn("Alert not delivered before exit: '{}' ({} attempts)", p.alert.subject(), p.attempts);
                EventLog.emitWarning("notify.email_dropped", Map.of("subject", p.alert.subject(),
                        "reason", "exit", "attempts", p.attempts), null);
            }
            return false;
        }
    }

    /**
     * Sends through another transport from now on (a reload changed the SMTP settings); waiting alerts are kept
     * and retried at once.
     */
    public synchronized void replaceTransport(MailTransport newTransport) {
        transport = newTransport;
        consecutiveFailures = 0;
        // Pumps run one at a time; an extra one alongside a pending backoff pump is harmless.
        scheduler.schedule(Duration.ZERO, this::pump);
    }

    /** Alerts waiting or being sent, digests not yet due excluded. */
    public synchronized int pending() {
        return queue.size();
    }

    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long dropped() {
        return dropped;
    }

    private void enqueue(Pending pending) {
        if (queue.size() >= settings.capacity()) {
            dropOldest();
        }
        queue.addLast(pending);
        if (consecutiveFailures == 0) {
            schedulePump(Duration.ZERO);
        }
    }

    private void dropOldest() {
        Iterator<Pending> it = queue.iterator();
        while (it.hasNext()) {
            Pending victim = it.next();
            if (victim != inFlight) {
                it.remove();
                dropped++;
                LOG.warn("Alert queue full ({} alerts): dropped alert '{}'", settings.capacity(),
                        victim.alert.subject());
                EventLog.emitWarning("notify.email_dropped", Map.of("subject", victim.alert.subject(),
                        "reason", "queue_full", "attempts", victim.attempts), null);
                return;
            }
        }
    }

    private void schedulePump(Duration delay) {
        if (!pumpScheduled) {
            pumpScheduled = true;
            scheduler.schedule(delay, this::pump);
        }
    }

    /** Runs on the scheduler thread: sends the head of the queue, then reschedules itself. */
    private void pump() {
        Pending head;
        synchronized (this) {
            pumpScheduled = false;
            head = queue.peekFirst();
            if (head == null) {
                notifyAll();
                return;
            }
            inFlight = head;
            head.attempts++;
        }
        AlertDeliveryException failure = null;
        MailTransport via = transport;
        try {
            via.send(head.alert);
        } catch (AlertDeliveryException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new AlertDeliveryException("SMTP alert failed: " + e, false, e);
        }
        Runnable report;
        synchronized (this) {
            inFlight = null;
            if (failure == null) {
                queue.remove(head);
                consecutiveFailures = 0;
                delivered++;
                schedulePump(Duration.ZERO);
                report = () -> EventLog.emit("notify.email_sent", Map.of("subject", head.alert.subject(),
                        "server", via.describe(), "attempts", head.attempts));
            } else if (failure.permanent()) {
                queue.remove(head);
                dropped++;
                consecutiveFailures = 0;
                schedulePump(Duration.ZERO);
                AlertDeliveryException refused = failure;
                report = () -> {
                    LOG.error("{} Alert '{}' dropped.", refused.getMessage(), head.alert.subject());
                    EventLog.emitWarning("notify.email_failed", Map.of("subject", head.alert.subject(),
                            "server", via.describe(), "error", refused.getMessage(), "permanent", true,
                            "attempts", head.attempts), null);
                };
            } else {
                consecutiveFailures++;
                Duration retry = draining ? settings.initialBackoff() : settings.backoff(consecutiveFailures);
                schedulePump(retry);
                AlertDeliveryException transientFailure = failure;
                int waiting = queue.size();
                report = () -> {
                    LOG.warn("{} Retrying {} queued alert(s) in {} ms.", transientFailure.getMessage(), waiting,
                            retry.toMillis());
                    EventLog.emitWarning("notify.email_failed", Map.of("subject", head.alert.subject(),
                            "server", via.describe(), "error", transientFailure.getMessage(),
                            "permanent", false, "attempts", head.attempts, "retry_in_ms", retry.toMillis()), null);
                };
            }
            notifyAll();
        }
        // Logging happens outside the lock so that submit() never waits for log I/O.
        report.run();
    }

    private void startDigest(AlertMessage alert, FlapTracker tracker) {
        tracker.digest = new ArrayList<>();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p != inFlight && p.alert.source().equals(alert.source())) {
                tracker.digest.add(p.alert);
                it.remove();
            }
        }
        tracker.digest.add(alert);
        LOG.warn("{} is flapping ({} alerts within {} s): coalescing its alerts into one mail per {} s",
                alert.source(), tracker.count(), settings.flapWindow().toSeconds(), settings.flapWindow().toSeconds());
        scheduler.schedule(settings.flapWindow(), () -> {
            synchronized (this) {
                flushDigest(alert.source());
            }
        });
    }

    private void flushDigest(String source) {
        FlapTracker tracker = trackers.get(source);
        if (tracker == null || tracker.digest == null) {
            return;
        }
        List<AlertMessage> alerts = tracker.digest;
        tracker.digest = null;
        enqueue(new Pending(AlertDigest.of(source, alerts, settings.flapWindow())));
    }

    private static final class Pending {
        final AlertMessage alert;
        int attempts;

        Pending(AlertMessage alert) {
            this.alert = alert;
        }
    }

    /** The recent alert times of one source and, during a storm, the alerts collected for its digest. */
    private static final class FlapTracker {
        final Deque<Instant> recent = new ArrayDeque<>();
        List<AlertMessage> digest;

        void record(Instant now, Duration window) {
            recent.addLast(now);
            Instant horizon = now.minus(window);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
                recent.removeFirst();
            }
        }

        int count() {
            return recent.size();
        }
    }
}
