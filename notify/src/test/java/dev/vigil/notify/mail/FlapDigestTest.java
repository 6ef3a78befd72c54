package dev.vigil.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.notify.LogCapture;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.events.EventLog;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flap storms on a virtual clock: a subject's first transitions are mailed at once, the rest of a storm is held and
 * mailed as one digest, and no transition is ever lost (SMTP down, shutdown mid-hold).
 */
class FlapDigestTest {
    private static final Pattern CHANGES = Pattern.compile(".*\\(flapping: (\\d+) changes\\)$");

    private final VirtualScheduler clock = new VirtualScheduler(); // starts at 2026-11-21T04:13:45Z
    private final RecordingTransport transport = new RecordingTransport();
    private final LogCapture log = new LogCapture(AlertQueue.class);
    private final LogCapture events = new LogCapture(EventLog.LOGGER);

    @AfterEach
    void close() {
        log.close();
        events.close();
    }

    /** The defaults: third change within 30 s holds, 30 s of quiet or 2 min end a hold. */
    private AlertQueue queue() {
        return queue(3);
    }

    private AlertQueue queue(int threshold) {
        return new AlertQueue(transport, new AlertQueueSettings(100, Duration.ofSeconds(1), Duration.ofSeconds(60),
                threshold, Duration.ofSeconds(30), Duration.ofMinutes(2)), clock);
    }

    private AlertMessage transition(String instance, int i) {
        return AlertMessage.vrrpInstance("R", instance, i % 2 == 0 ? NotifyState.MASTER : NotifyState.BACKUP,
                clock.now());
    }

    /** {@code count} transitions of VI_1, one every {@code every}, starting now. */
    private void storm(AlertQueue q, int count, Duration every) {
        for (int i = 0; i < count; i++) {
            q.submit(transition("VI_1", i));
            clock.advance(every);
        }
    }

    @Test
    void aSingleTransitionIsOneKeepalivedMailSentAtOnce() {
        AlertQueue q = queue();
        q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.MASTER, clock.now()));
        clock.runDue();
        assertEquals(1, transport.sent.size());
        AlertMessage mail = transport.sent.get(0);
        assertEquals("[R] VRRP Instance VI_1 - Entering MASTER state", mail.subject());
        assertEquals("=> VRRP Instance is now owning VRRP VIPs <=", mail.body());
        assertEquals(0, q.held());
    }

    @Test
    void startupBackupThenMasterAreBothMailedAtOnce() {
        AlertQueue q = queue();
        q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.BACKUP, clock.now()));
        clock.advance(Duration.ofSeconds(3));
        q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.MASTER, clock.now()));
        clock.runDue();
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering BACKUP state",
                "[R] VRRP Instance VI_1 - Entering MASTER state"), subjects());
    }

    @Test
    void aStormOfTenInAMinuteSendsThreeMailsAndTheDigestListsEveryHeldChange() {
        AlertQueue q = queue();
        storm(q, 10, Duration.ofSeconds(6)); // t = 0, 6, ... 54 s; now t = 60 s
        assertEquals(2, transport.sent.size(), "the first two went out at once: " + subjects());
        assertEquals(8, q.held());
        clock.advance(Duration.ofSeconds(23)); // t = 83 s: 29 s after the last change
        assertEquals(2, transport.sent.size(), "held until 30 s of quiet");
        clock.advance(Duration.ofSeconds(1));  // t = 84 s
        assertEquals(3, transport.sent.size(), subjects().toString());
        assertEquals(0, q.held());

        AlertMessage digest = transport.sent.get(2);
        assertEquals("[R] VRRP Instance VI_1 - Entering BACKUP state (flapping: 8 changes)", digest.subject());
        assertEquals("instance VI_1", digest.source());
        List<String> lines = digest.body().lines().toList();
        assertEquals(10, lines.size(), digest.body());
        assertEquals("=> instance VI_1 changed state 8 times in 42 s; these alerts were held and are sent together <=",
                lines.get(0));
        assertEquals("2026-11-21 04:13:57.000 UTC  [R] VRRP Instance VI_1 - Entering MASTER state  "
                + "=> VRRP Instance is now owning VRRP VIPs <=", lines.get(1));
        assertEquals("2026-11-21 04:14:03.000 UTC  [R] VRRP Instance VI_1 - Entering BACKUP state  "
                + "=> VRRP Instance is no longer owning VRRP VIPs <=", lines.get(2));
        assertEquals("2026-11-21 04:14:39.000 UTC  [R] VRRP Instance VI_1 - Entering BACKUP state  "
                + "=> VRRP Instance is no longer owning VRRP VIPs <=", lines.get(8));
        assertEquals("Current state: [R] VRRP Instance VI_1 - Entering BACKUP state", lines.get(9));
        assertTrue(log.messages().contains(
                "instance VI_1 is flapping (3 state changes within 30 s): holding its alerts for one digest mail"),
                log.messages().toString());
        assertTrue(events.messages().stream().anyMatch(m -> m.startsWith("notify.email_digest")
                && m.contains("changes=8")), events.messages().toString());
    }

    @Test
    void withThresholdTwoAStormOfTenSendsTwoMails() {
        AlertQueue q = queue(2);
        storm(q, 10, Duration.ofSeconds(6));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, transport.sent.size(), subjects().toString());
        assertTrue(transport.sent.get(1).subject().endsWith("(flapping: 9 changes)"));
        assertEquals(10, transitionsMailed());
    }

    @Test
    void aLongStormGetsOneDigestPerMaxHoldAndLosesNothing() {
        AlertQueue q = queue();
        storm(q, 60, Duration.ofSeconds(4)); // 4 minutes of flapping
        clock.advance(Duration.ofMinutes(3));
        // 2 at once, the hold from t = 8 s flushed at its 2 min cap, the next from t = 128 s at its cap (t = 248 s)
        assertEquals(4, transport.sent.size(), subjects().toString());
        assertEquals(60, transitionsMailed(), "every transition is in a mail");
        // quiet again: the next transition is mailed on its own, at once
        q.submit(transition("VI_1", 0));
        clock.runDue();
        assertEquals("[R] VRRP Instance VI_1 - Entering MASTER state",
                transport.sent.get(transport.sent.size() - 1).subject());
    }

    @Test
    void aHoldOfOneTransitionSendsItsOwnMail() {
        AlertQueue q = queue();
        storm(q, 3, Duration.ofSeconds(5)); // the third is held, nothing follows
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering MASTER state",
                "[R] VRRP Instance VI_1 - Entering BACKUP state",
                "[R] VRRP Instance VI_1 - Entering MASTER state"), subjects(), "no digest for a single change");
        assertEquals("=> VRRP Instance is now owning VRRP VIPs <=", transport.sent.get(2).body());
    }

    @Test
    void twoInterleavedSubjectsEachGetTheirOwnDigest() {
        AlertQueue q = queue();
        for (int i = 0; i < 10; i++) {
            q.submit(transition("VI_1", i));
            clock.advance(Duration.ofSeconds(3));
            q.submit(AlertMessage.vrrpGroup("R", "G1", i % 2 == 0 ? NotifyState.BACKUP : NotifyState.MASTER,
                    clock.now()));
            clock.advance(Duration.ofSeconds(3));
        }
        clock.advance(Duration.ofMinutes(1));
        assertEquals(6, transport.sent.size(), subjects().toString());
        AlertMessage vi1 = digestOf("instance VI_1");
        AlertMessage g1 = digestOf("group G1");
        assertEquals("[R] VRRP Instance VI_1 - Entering BACKUP state (flapping: 8 changes)", vi1.subject());
        assertEquals("[R] VRRP Group G1 - Entering MASTER state (flapping: 8 changes)", g1.subject());
        assertTrue(vi1.body().lines().skip(1).allMatch(l -> l.contains("VRRP Instance VI_1")), vi1.body());
        assertTrue(g1.body().lines().skip(1).allMatch(l -> l.contains("VRRP Group G1")), g1.body());
        assertEquals(20, transitionsMailed());
    }

    @Test
    void smtpDownDuringAStormDeliversTheDigestLater() {
        AlertQueue q = queue();
        transport.down = true; // a storm often takes the mail path down with it
        storm(q, 10, Duration.ofSeconds(6));
        clock.advance(Duration.ofMinutes(2)); // the digest is due and queued, the server still down
        assertEquals(0, transport.sent.size());
        assertEquals(3, q.pending());
        assertTrue(transport.attempts.size() > 3, "retried meanwhile: " + transport.attempts.size());
        transport.down = false;
        clock.advance(Duration.ofMinutes(2));
        List<String> subjects = subjects();
        assertEquals(List.of("[R] VRRP Instance VI_1 - Entering MASTER state",
                "[R] VRRP Instance VI_1 - Entering BACKUP state",
                "[R] VRRP Instance VI_1 - Entering BACKUP state (flapping: 8 changes)"), subjects, "in order");
        assertEquals(0, q.pending());
    }

    @Test
    void shutdownMidHoldSendsTheHeldChangesAndTheStopInOneDigest() {
        ExecutorAlertScheduler real = new ExecutorAlertScheduler();
        try {
            AlertQueue q = new AlertQueue(transport, AlertQueueSettings.defaults(), real);
            for (int i = 0; i < 5; i++) {
                q.submit(AlertMessage.vrrpInstance("R", "VI_1", i % 2 == 0 ? NotifyState.MASTER : NotifyState.BACKUP,
                        real.now()));
            }
            q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.STOP, real.now()));
            assertTrue(q.drainBeforeExit(Duration.ofSeconds(20)), "delivered long before the 30 s hold ends");
            assertEquals(4, transport.sent.size(), subjects().toString());
            AlertMessage digest = transport.sent.get(3);
            assertEquals("[R] VRRP Instance VI_1 - Stopping (flapping: 3 changes)", digest.subject());
            List<String> lines = digest.body().lines().toList();
            assertTrue(lines.get(3).endsWith("[R] VRRP Instance VI_1 - Stopping  => VRRP Instance stopping <="),
                    digest.body());
            assertEquals("Current state: [R] VRRP Instance VI_1 - Stopping", lines.get(4));
            assertEquals(0, q.held());
        } finally {
            real.close();
        }
    }

    @Test
    void aStopThatWouldStartAHoldIsSentAsItsOwnMailAtExit() {
        ExecutorAlertScheduler real = new ExecutorAlertScheduler();
        try {
            AlertQueue q = new AlertQueue(transport, AlertQueueSettings.defaults(), real);
            q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.BACKUP, real.now()));
            q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.MASTER, real.now()));
            q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.BACKUP, real.now()));
            q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.STOP, real.now()));
            assertTrue(q.drainBeforeExit(Duration.ofSeconds(20)));
            assertEquals(List.of("[R] VRRP Instance VI_1 - Entering BACKUP state",
                    "[R] VRRP Instance VI_1 - Entering MASTER state", "[R] VRRP Instance VI_1 - Entering BACKUP state",
                    "[R] VRRP Instance VI_1 - Stopping"), subjects());
            assertEquals("=> VRRP Instance stopping <=", transport.sent.get(3).body());
        } finally {
            real.close();
        }
    }

    @Test
    void whileDrainingNothingIsHeld() {
        ExecutorAlertScheduler real = new ExecutorAlertScheduler();
        try {
            AlertQueue q = new AlertQueue(transport, AlertQueueSettings.defaults(), real);
            assertTrue(q.drainBeforeExit(Duration.ofSeconds(5)));
            for (int i = 0; i < 4; i++) {
                q.submit(AlertMessage.vrrpInstance("R", "VI_1", NotifyState.STOP, real.now()));
            }
            assertEquals(0, q.held());
            assertTrue(q.drainBeforeExit(Duration.ofSeconds(20)));
            assertEquals(4, transport.sent.size());
        } finally {
            real.close();
        }
    }

    @Test
    void subjectsThatWentQuietAreForgotten() {
        AlertQueue q = queue();
        for (int i = 0; i < 100; i++) {
            q.submit(transition("VI_" + i, 0)); // 100 subjects, e.g. real servers a reload later removes
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            q.submit(transition("VJ_" + i, 0));
        }
        assertTrue(q.trackedSubjects() < 200, "the quiet VI_* were dropped: " + q.trackedSubjects());
        clock.runDue();
        assertEquals(200, transport.sent.size(), "forgetting a subject loses no mail");
    }

    @Test
    void settingsAreValidated() {
        Duration s = Duration.ofSeconds(1);
        assertThrowsIae(() -> new AlertQueueSettings(1, s, s, 1, s, s));
        assertThrowsIae(() -> new AlertQueueSettings(1, s, s, 3, Duration.ZERO, s));
        assertThrowsIae(() -> new AlertQueueSettings(1, s, s, 3, Duration.ofSeconds(30), Duration.ofSeconds(29)));
    }

    private static void assertThrowsIae(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }

    private AlertMessage digestOf(String source) {
        return transport.sent.stream().filter(m -> m.source().equals(source) && m.subject().contains("flapping"))
                .findFirst().orElseThrow(() -> new AssertionError("no digest for " + source + ": " + subjects()));
    }

    /** Transitions covered by the mails sent: 1 per plain mail, N per digest. */
    private int transitionsMailed() {
        int n = 0;
        for (AlertMessage m : transport.sent) {
            Matcher matcher = CHANGES.matcher(m.subject());
            n += matcher.matches() ? Integer.parseInt(matcher.group(1)) : 1;
        }
        return n;
    }

    private List<String> subjects() {
        return transport.sent.stream().map(AlertMessage::subject).toList();
    }
}
