package dev.vigil.vrrp.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Deadlines (nanoseconds on the caller's clock) keyed by what they are for; at most one pending per key, re-arming
 * a key replaces its deadline. Single-threaded; cancelled and replaced entries are dropped lazily.
 */
final class TimerQueue<K> {
    private record Entry<K>(long deadline, long seq, K key) {}

    private final PriorityQueue<Entry<K>> heap = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
            ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private final Map<K, Entry<K>> live = new HashMap<>();
    private long seq;

    void schedule(K key, long deadline) {
        Entry<K> e = new Entry<>(deadline, seq++, key);
        live.put(key, e);
        heap.add(e);
    }

    void cancel(K key) {
        live.remove(key);
    }

    boolean isPending(K key) {
        return live.containsKey(key);
    }

    /** The earliest pending deadline, or {@link Long#MAX_VALUE} when nothing is pending. */
    long nextDeadline() {
        dropStale();
        Entry<K> head = heap.peek();
        return head == null ? Long.MAX_VALUE : head.deadline;
    }

    /** Removes and returns, earliest first, every key whose deadline is at or before {@code now}. */
    List<K> pollDue(long now) {
        List<K> due = new ArrayList<>();
        while (true) {
            dropStale();
            Entry<K> head = heap.peek();
            if (head == null || head.deadline - now > 0) {
                return due;
            }
            heap.poll();
            live.remove(head.key);
            due.add(head.key);
        }
    }

    private void dropStale() {
        Entry<K> head;
        while ((head = heap.peek()) != null && live.get(head.key) != head) {
            heap.poll();
        }
    }
}
