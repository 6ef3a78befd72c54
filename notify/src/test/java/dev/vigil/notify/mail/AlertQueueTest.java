package dev.vigil.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.notify.LogCapture;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.events.EventLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's retry and overflow logic on a virtual clock (flap digests: {@link FlapDigestTest}). */
class AlertQueueTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final RecordingTransport transport = new RecordingTransport();
    private final LogCapture log = new LogCapture(AlertQueue.class);
    private final LogCapture events = new LogCapture(EventLog.LOGGER);

    @AfterEach
    void close() {
        log.close();
        events.close();
    }

    private AlertQueue queue(int capacity) {
        return new AlertQueue(transport, new AlertQueueSettings(capacity, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 3, Duration.ofSeconds(30), Duration.ofMinutes(2)), clock);
    }

    private AlertMessage alert(String instance, NotifyState state) {
        return AlertMessage.vrrpInstance("R", instance, state, clock.now());
    }

    @Test
    void submitOnlyEnqueues() {
        AlertQueue q = queue(10);
        q.submit(alert("VI_1", NotifyState.MASTER));
        assertTrue(transport.attempts.isEmpty(), "nothing is sent on the caller's thread");
        clock.runDue();
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering MASTER state"), subjects(transport.sent));
        assertEquals(1, q.delivered());
        assertTrue(events.messages().stream().anyMatch(m -> m.startsWith("notify.email_sent")));
    }

    @Test
    void retriesWithExponentialBackoffUntilTheServerReturns() {
        AlertQueue q = queue(10);
        transport.down = true;
        q.submit(alert("VI_1", NotifyState.BACKUP));
        q.submit(alert("VI_1", NotifyState.MASTER));
        clock.runDue();
        assertEquals(1, transport.attempts.size());
        // 1 s, 2 s, 4 s, 8 s ... capped at 60 s
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            int before = transport.attempts.size();
            clock.advance(Duration.ofMillis(1));
            assertEquals(before + 1, transport.attempts.size(), "retry after " + seconds + " s");
        }
        assertEquals(0, transport.sent.size());
        transport.down = false;
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering BACKUP state",
                "[R] VRRP Instance VI_1 - Entering MASTER state"), subjects(transport.sent), "in order, none lost");
        assertEquals(0, q.pending());
        assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("SMTP connection ERROR to [test]:25.")));
    }

    @Test
    void backoffResetsAfterSuccess() {
        AlertQueue q = queue(10);
        transport.down = true;
        q.submit(alert("VI_1", NotifyState.BACKUP));
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        transport.down = false;
        clock.advance(Duration.ofSeconds(4));
        assertEquals(1, transport.sent.size());
        transport.down = true;
        q.submit(alert("VI_2", NotifyState.BACKUP));
        clock.runDue();
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofSeconds(1));
        assertEquals(attempts + 1, transport.attempts.size(), "first retry after the initial backoff again");
    }

    @Test
    void overflowDropsTheOldestAndLogsIt() {
        AlertQueue q = queue(3);
        transport.down = true;
        for (int i = 1; i <= 5; i++) {
            q.submit(alert("VI_" + i, NotifyState.MASTER));
        }
        assertEquals(3, q.pending());
        assertEquals(2, q.dropped());
        assertTrue(log.messages().contains(
                "Alert queue full (3 alerts): dropped alert '[R] VRRP Instance VI_1 - Entering MASTER state'"),
                log.messages().toString());
        assertTrue(log.messages().contains(
                "Alert queue full (3 alerts): dropped alert '[R] VRRP Instance VI_2 - Entering MASTER state'"));
        assertTrue(events.messages().stream().anyMatch(m -> m.startsWith("notify.email_dropped")
                && m.contains("reason=queue_full")));
        transport.down = false;
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of("[R] VRRP Instance VI_3 - Entering MASTER state",
                "[R] VRRP Instance VI_4 - Entering MASTER state",
                "[R] VRRP Instance VI_5 - Entering MASTER state"), subjects(transport.sent));
    }

    @Test
    void permanentRefusalIsLoggedAndDoesNotBlockTheQueue() {
        AlertQueue q = queue(10);
        transport.refuse = true;
        q.submit(alert("VI_1", NotifyState.MASTER));
        clock.runDue();
        assertEquals(1, q.dropped());
        assertTrue(log.messages().stream().anyMatch(m -> m.contains("SMTP status code = 550")
                && m.contains("'[R] VRRP Instance VI_1 - Entering MASTER state' dropped")));
        transport.refuse = false;
        q.submit(alert("VI_2", NotifyState.MASTER));
        clock.runDue();
        assertEquals(1, transport.sent.size());
    }

    @Test
    void backoffIsCappedWithoutOverflow() {
        AlertQueueSettings s = new AlertQueueSettings(1, Duration.ofSeconds(1), Duration.ofMinutes(5), 3,
                Duration.ofSeconds(30), Duration.ofMinutes(2));
        assertEquals(Duration.ofSeconds(1), s.backoff(1));
        assertEquals(Duration.ofSeconds(256), s.backoff(9));
        assertEquals(Duration.ofMinutes(5), s.backoff(10));
        assertEquals(Duration.ofMinutes(5), s.backoff(1_000));
    }

    @Test
    void aReloadWithNewSmtpSettingsKeepsTheWaitingAlerts() {
        AlertQueue q = queue(10);
        transport.down = true;
        q.submit(alert("VI_1", NotifyState.MASTER));
        clock.runDue();
        clock.advance(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2)); // backing off: next retry in 4 s
        RecordingTransport fixed = new RecordingTransport();
        q.replaceTransport(fixed);
        clock.runDue();
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering MASTER state"), subjects(fixed.sent),
                "retried at once through the new server");
        assertEquals(0, q.pending());
    }

    @Test
    void differentSourcesAreNotCoalesced() {
        AlertQueue q = queue(100);
        for (int i = 0; i < 12; i++) {
            q.submit(alert("VI_" + i, NotifyState.MASTER));
        }
        clock.runDue();
        assertEquals(12, transport.sent.size());
    }

    private static List<String> subjects(List<AlertMessage> messages) {
        return messages.stream().map(AlertMessage::subject).toList();
    }
}
