package dev.vigil.notify.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A virtual clock: scheduled tasks run in the test thread when {@link #advance} moves time past them. */
final class VirtualScheduler implements AlertScheduler {
    private record Task(Instant due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due.equals(b.due)
            ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private Instant now = Instant.parse("2026-11-21T04:13:45Z");
    private long seq;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(now.plus(delay), seq++, task));
    }

    /** Runs everything due now (including tasks those tasks schedule for now). */
    void runDue() {
        advance(Duration.ZERO);
    }

    void advance(Duration by) {
        Instant target = now.plus(by);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(target)) {
            Task t = tasks.poll();
            now = t.due.isAfter(now) ? t.due : now;
            t.run.run();
        }
        now = target;
    }

    /** When the next task is due, or null. */
    Instant nextDue() {
        return tasks.isEmpty() ? null : tasks.peek().due;
    }
}
