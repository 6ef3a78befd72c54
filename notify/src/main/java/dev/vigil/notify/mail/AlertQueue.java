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
 *   <li>A flap storm is coalesced (see {@link AlertQueueSettings} for the knobs): a subject's first transitions are
 *       mailed at once; the one that makes {@code flapThreshold} within {@code flapHold} starts holding, and the
 *       held transitions go out as one {@link AlertDigest} when the subject has been quiet for {@code flapHold}, or
 *       {@code flapMaxHold} after the hold began. A hold of a single transition sends that transition's own mail.
 *       </li>
 *   <li>{@link #drainBeforeExit} flushes every hold (the stopping mails join their subject's digest) and delivers
 *       what is left before the process exits.</li>
 * </ul>
 */
public final class AlertQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);

    private volatile MailTransport transport;
    private final AlertQueueSettings settings;
    private final AlertScheduler scheduler;

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Map<String, FlapTracker> trackers = new HashMap<>();
    /** Idle trackers are dropped when the map grows past this (amortised: subjects come and go with reloads). */
    private int pruneAt = 64;
    private long held;
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

    /** Queues an alert for delivery, or holds it for its subject's digest during a flap storm; returns at once. */
    public synchronized void submit(AlertMessage alert) {
        Instant now = scheduler.now();
        if (trackers.size() >= pruneAt) {
            pruneIdleTrackers(now);
        }
        FlapTracker tracker = trackers.computeIfAbsent(alert.source(), s -> new FlapTracker());
        tracker.record(now, settings.flapHold());
        if (tracker.hold != null) {
            tracker.hold.add(alert, now);
            held++;
            return;
        }
        if (tracker.count() >= settings.flapThreshold() && !draining) {
            startHold(alert, tracker, now);
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
                flushHold(source);
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

    /** Alerts waiting or being sent, held transitions excluded ({@link #held()}). */
    public synchronized int pending() {
        return queue.size();
    }

    /** Transitions held for flap digests that are not due yet. */
    public synchronized long held() {
        return held;
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

    /** Forgets subjects that hold nothing and had no transition within the hold window. */
    private void pruneIdleTrackers(Instant now) {
        Instant horizon = now.minus(settings.flapHold());
        trackers.values().removeIf(t -> t.hold == null
                && (t.recent.isEmpty() || !t.recent.peekLast().isAfter(horizon)));
        pruneAt = Math.max(64, trackers.size() * 2);
    }

    /** Subjects whose recent transitions are tracked (tests). */
    synchronized int trackedSubjects() {
        return trackers.size();
    }

    private void startHold(AlertMessage alert, FlapTracker tracker, Instant now) {
        Hold hold = new Hold(now);
        hold.add(alert, now);
        tracker.hold = hold;
        held++;
        LOG.warn("{} is flapping ({} state changes within {} s): holding its alerts for one digest mail",
                alert.source(), tracker.count(), settings.flapHold().toSeconds());
        scheduler.schedule(settings.flapHold(), () -> holdTimer(alert.source(), hold));
    }

    /** Flushes the hold when it is due; otherwise (a transition came meanwhile) waits until it is. */
    private void holdTimer(String source, Hold hold) {
        synchronized (this) {
            FlapTracker tracker = trackers.get(source);
            if (tracker == null || tracker.hold != hold) {
                return; // flushed already (drain)
            }
            Instant due = hold.due(settings.flapHold(), settings.flapMaxHold());
            Instant now = scheduler.now();
            if (now.isBefore(due)) {
                scheduler.schedule(Duration.between(now, due), () -> holdTimer(source, hold));
                return;
            }
            flushHold(source);
        }
    }

    private void flushHold(String source) {
        FlapTracker tracker = trackers.get(source);
        if (tracker == null || tracker.hold == null) {
            return;
        }
        List<AlertMessage> alerts = tracker.hold.alerts;
        tracker.hold = null;
        held -= alerts.size();
        if (alerts.size() == 1) {
            enqueue(new Pending(alerts.get(0)));
            return;
        }
        AlertMessage digest = AlertDigest.of(source, alerts);
        EventLog.emit("notify.email_digest", Map.of("source", source, "changes", alerts.size(),
                "subject", digest.subject()));
        enqueue(new Pending(digest));
    }

    private static final class Pending {
        final AlertMessage alert;
        int attempts;

        Pending(AlertMessage alert) {
            this.alert = alert;
        }
    }

    /** The recent transition times of one subject and, during a storm, its hold. */
    private static final class FlapTracker {
        final Deque<Instant> recent = new ArrayDeque<>();
        Hold hold;

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

    /** The transitions held for one digest, in order. */
    private static final class Hold {
        final Instant started;
        final List<AlertMessage> alerts = new ArrayList<>();
        Instant last;

        Hold(Instant started) {
            this.started = started;
        }

        void add(AlertMessage alert, Instant now) {
            alerts.add(alert);
            last = now;
        }

        /** After {@code quiet} without a transition, but no later than {@code max} after the hold began. */
        Instant due(Duration quiet, Duration max) {
            Instant end = last.plus(quiet);
            Instant cap = started.plus(max);
            return end.isBefore(cap) ? end : cap;
        }
    }
}
