package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Deaths, delays and restarts on a virtual clock, with a recording scheduler: no threads, no sleeps. */
class SupervisorTest {
    /** A clock the test moves. */
    static final class VirtualClock extends Clock {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Keeps delayed tasks until the test lets their time pass. */
    final class RecordingScheduler implements Supervisor.Scheduler {
        final List<Duration> delays = new ArrayList<>();
        final Deque<Runnable> due = new ArrayDeque<>();

        @Override
        public void schedule(Runnable task, Duration delay) {
            delays.add(delay);
            due.add(() -> {
                clock.advance(delay);
                task.run();
            });
        }

        void fireNext() {
            due.remove().run();
        }

        @Override
        public void close() {
        }
    }

    /** A subsystem whose restarts succeed, or fail as told. */
    static final class FakeSubsystem implements Supervisor.Restartable {
        int restarts;
        final Deque<Supervisor.StartFailure> failures = new ArrayDeque<>();

        @Override
        public String name() {
            return "VRRP";
        }

        @Override
        public void restart() throws Supervisor.StartFailure {
            restarts++;
            if (!failures.isEmpty()) {
                throw failures.remove();
            }
        }
    }

    final VirtualClock clock = new VirtualClock();
    final RecordingScheduler scheduler = new RecordingScheduler();
    final SignalRouter router = new SignalRouter();
    final FakeSubsystem vrrp = new FakeSubsystem();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Supervisor supervisor;

    @BeforeEach
    void capture() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Supervisor.class)).addAppender(logs);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(Supervisor.class)).detachAppender(logs);
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Supervisor supervisor(String... args) {
        supervisor = new Supervisor(new Cli().parse(args), router, clock, scheduler);
        return supervisor;
    }

    /** Runs what the supervisor queued on the supervisor thread (then the queued TERM, if any, or ours). */
    private void drainSupervisorThread() throws InterruptedException {
        router.deliver(VigilSignal.TERM);
        router.runUntilStop();
    }

    private List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aDeathIsLoggedAsKeepalivedAndTheSubsystemRestartsAfterTheDelay() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        clock.advance(Duration.ofSeconds(5));
        s.died(vrrp, new IllegalStateException("bug"));
        assertEquals(List.of("VRRP subsystem died: Respawning (java.lang.IllegalStateException: bug)",
                "Restart of VRRP subsystem delayed 1 seconds to limit respawn rate"), lines());
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.delays);
        assertEquals(0, vrrp.restarts, "not before the delay");
        scheduler.fireNext();
        drainSupervisorThread();
        assertEquals(1, vrrp.restarts);
        assertEquals(ExitCodes.OK, s.exitCode());

        clock.advance(Duration.ofSeconds(2)); // dies again soon after the restart
        s.died(vrrp, new IllegalStateException("bug"));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), scheduler.delays);
    }

    @Test
    void aSubsystemThatRanOverAMinuteRestartsAtOnce() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        clock.advance(Duration.ofSeconds(61));
        s.died(vrrp, new IllegalStateException("bug"));
        assertEquals(List.of(), scheduler.delays, "no delay");
        assertEquals(List.of("VRRP subsystem died: Respawning (java.lang.IllegalStateException: bug)"), lines());
        drainSupervisorThread();
        assertEquals(1, vrrp.restarts);
    }

    @Test
    void furtherDeathsOfADeadGenerationAreOneDeath() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        s.died(vrrp, new IllegalStateException("first thread"));
        s.died(vrrp, new IllegalStateException("second thread"));
        assertEquals(1, scheduler.delays.size());
        scheduler.fireNext();
        drainSupervisorThread();
        assertEquals(1, vrrp.restarts);
    }

    @Test
    void aPermanentErrorIsNotRetriedAndStopsTheDaemonWithItsCode() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        vrrp.failures.add(new Supervisor.StartFailure("Cannot start VRRP: (VI_1) interface eth7 does not exist",
                ExitCodes.CONFIG, null));
        s.died(vrrp, new IllegalStateException("bug"));
        scheduler.fireNext();
        router.runUntilStop(); // returns on the supervisor's own TERM
        assertEquals(1, vrrp.restarts);
        assertEquals(ExitCodes.CONFIG, s.exitCode());
        assertTrue(lines().contains("VRRP subsystem exited with permanent error CONFIG. Terminating"),
                lines().toString());
        assertEquals(1, scheduler.delays.size(), "not retried");
    }

    @Test
    void aPassingStartFailureIsRetriedWithTheNextDelay() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        vrrp.failures.add(new Supervisor.StartFailure("Cannot start VRRP: ENOBUFS", ExitCodes.OK, null));
        s.died(vrrp, new IllegalStateException("bug"));
        scheduler.fireNext();
        drainSupervisorThread();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), scheduler.delays);
        scheduler.fireNext();
        drainSupervisorThread();
        assertEquals(2, vrrp.restarts);
        assertEquals(ExitCodes.OK, s.exitCode());
    }

    @Test
    void dontRespawnStopsTheDaemonInstead() throws Exception {
        Supervisor s = supervisor("-R");
        s.watch(vrrp);
        s.died(vrrp, new IllegalStateException("bug"));
        router.runUntilStop(); // the supervisor's TERM
        assertEquals(0, vrrp.restarts);
        assertEquals(ExitCodes.FATAL, s.exitCode());
        assertEquals(List.of("VRRP subsystem died: Exiting (java.lang.IllegalStateException: bug)"), lines());
        assertEquals(List.of(), scheduler.delays);
    }

    @Test
    void aWatchedThreadDyingUncaughtIsItsSubsystemsDeath() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp, t -> t.getName().equals("vglsup-watched"));
        Thread other = new Thread(() -> {
            throw new IllegalStateException("not ours");
        }, "vglsup-other");
        other.start();
        other.join();
        assertEquals(List.of(), scheduler.delays, "another thread's death restarts nothing");
        assertTrue(lines().contains("Thread vglsup-other died"), lines().toString());
        Thread watched = new Thread(() -> {
            throw new IllegalStateException("ours");
        }, "vglsup-watched");
        watched.start();
        watched.join();
        assertEquals(List.of(Duration.ofSeconds(1)), scheduler.delays);
        assertTrue(lines().contains("Thread vglsup-watched died"), lines().toString());
    }

    @Test
    void onlyTheDeadSubsystemRestarts() throws Exception {
        Supervisor s = supervisor();
        FakeSubsystem checker = new FakeSubsystem();
        s.watch(vrrp);
        s.watch(checker);
        s.died(vrrp, new IllegalStateException("bug"));
        scheduler.fireNext();
        drainSupervisorThread();
        assertEquals(1, vrrp.restarts);
        assertEquals(0, checker.restarts, "the other subsystem is left alone");
    }

    @Test
    void tasksQueuedAfterTheStopNeverRun() throws Exception {
        Supervisor s = supervisor();
        s.watch(vrrp);
        clock.advance(Duration.ofMinutes(2));
        router.deliver(VigilSignal.TERM);
        s.died(vrrp, new IllegalStateException("bug")); // restart queued behind the stop
        router.runUntilStop();
        assertEquals(0, vrrp.restarts, "no restart during shutdown");
    }
}
