package dev.vigil.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    @Test
    void firesDueKeysEarliestFirstAndOnlyOnce() {
        TimerQueue<String> q = new TimerQueue<>();
        q.schedule("b", 200);
        q.schedule("a", 100);
        q.schedule("c", 300);
        assertEquals(100, q.nextDeadline());
        assertEquals(List.of(), q.pollDue(99));
        assertEquals(List.of("a", "b"), q.pollDue(200));
        assertEquals(List.of(), q.pollDue(200));
        assertEquals(300, q.nextDeadline());
    }

    @Test
    void rearmingReplacesAndCancelRemoves() {
        TimerQueue<String> q = new TimerQueue<>();
        q.schedule("a", 100);
        q.schedule("a", 500);
        q.schedule("b", 200);
        q.cancel("b");
        assertFalse(q.isPending("b"));
        assertEquals(500, q.nextDeadline(), "the replaced and the cancelled deadline are gone");
        assertEquals(List.of(), q.pollDue(400));
        assertEquals(List.of("a"), q.pollDue(500));
        assertEquals(Long.MAX_VALUE, q.nextDeadline());
    }

    @Test
    void deadlinesComparedAcrossNanoTimeWrap() {
        TimerQueue<String> q = new TimerQueue<>();
        q.schedule("late", Long.MAX_VALUE - 10);
        assertTrue(q.pollDue(Long.MAX_VALUE - 10).contains("late"));
    }
}
