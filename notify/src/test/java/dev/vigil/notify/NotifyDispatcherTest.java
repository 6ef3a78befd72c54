package dev.vigil.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.QuorumChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The order and content of notifications, with every output recorded in one list. */
class NotifyDispatcherTest {
    private final List<String> out = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T04:13:45Z"), ZoneOffset.UTC);

    private NotifyDispatcher dispatcher(AlertPolicy policy) {
        NotifyDispatcher.ScriptLauncher launcher = (cmd, timeout) -> {
            out.add("script " + cmd.commandLine());
            timeouts.add(timeout);
            return CompletableFuture.completedFuture(new ScriptResult(0, 0, false, Duration.ZERO, null));
        };
        FifoSink fifo = new FifoSink() {
            @Override
            public void writeVrrp(String line) {
                out.add("fifo " + line);
            }

            @Override
            public void writeLvs(String line) {
                out.add("lvs-fifo " + line);
            }
        };
        return new NotifyDispatcher(launcher, fifo, m -> out.add("mail " + m.subject()), policy, "LB1", clock);
    }

    private static final AlertPolicy MAIL_ALL = new AlertPolicy(true, null, null, false, false, false);

    private static VrrpNotifyScripts scripts() {
        return new VrrpNotifyScripts(ScriptCommand.parse("/etc/k/master.sh 'two words'"),
                ScriptCommand.parse("/etc/k/backup.sh"), ScriptCommand.parse("/etc/k/fault.sh"),
                ScriptCommand.parse("/etc/k/stop.sh"), ScriptCommand.parse("/etc/k/deleted.sh"),
                ScriptCommand.parse("/etc/k/notify.sh generic_1"), ScriptCommand.parse("/etc/k/lower.sh"));
    }

    @Test
    void instanceTransitionInKeepalivedsOrder() {
        dispatcher(MAIL_ALL).instanceState("VI_1", NotifyState.MASTER, 150, scripts(), null, false);
        assertEquals(List.of(
                "script /etc/k/master.sh two words",
                "script /etc/k/notify.sh generic_1 INSTANCE VI_1 MASTER 150",
                "fifo INSTANCE \"VI_1\" MASTER 150\n",
                "mail [LB1] VRRP Instance VI_1 - Entering MASTER state"), out);
        assertEquals(2, timeouts.size());
        assertTrue(timeouts.stream().allMatch(t -> t == null), "ordinary notify scripts are not time-limited");
    }

    @Test
    void stopScriptsAreLimitedToOneSecond() {
        dispatcher(MAIL_ALL).instanceState("VI_1", NotifyState.STOP, 150, scripts(), null, false);
        assertEquals(List.of("script /etc/k/stop.sh", "script /etc/k/notify.sh generic_1 INSTANCE VI_1 STOP 150",
                "fifo INSTANCE \"VI_1\" STOP 150\n", "mail [LB1] VRRP Instance VI_1 - Stopping"), out);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), timeouts);
    }

    @Test
    void shutdownWaitsForStopScriptsOnly() {
        List<CompletableFuture<ScriptResult>> running = new ArrayList<>();
        NotifyDispatcher d = new NotifyDispatcher((cmd, timeout) -> {
            CompletableFuture<ScriptResult> f = new CompletableFuture<>();
            running.add(f);
            return f;
        }, new FifoSink() {
            @Override
            public void writeVrrp(String line) {
            }

            @Override
            public void writeLvs(String line) {
            }
        }, null, MAIL_ALL, "LB1", clock);
        d.instanceState("VI_1", NotifyState.MASTER, 150, scripts(), null, false); // 2 scripts that never end
        assertTrue(d.awaitStopScripts(Duration.ZERO), "ordinary scripts are not waited for");
        d.instanceState("VI_1", NotifyState.STOP, 150, scripts(), null, false);
        d.realServerState("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false,
                ScriptCommand.parse("/etc/k/rs_down.sh"), true);
        assertEquals(5, running.size());
        assertFalse(d.awaitStopScripts(Duration.ZERO), "notify_stop still running");
        running.get(2).complete(new ScriptResult(0, 0, false, Duration.ZERO, null));
        running.get(3).completeExceptionally(new IllegalStateException("spawn failed"));
        assertFalse(d.awaitStopScripts(Duration.ZERO), "the RS's notify_down at shutdown too");
        running.get(4).complete(new ScriptResult(-1, 9, true, Duration.ofSeconds(1), null)); // killed at its limit
        assertTrue(d.awaitStopScripts(Duration.ZERO));
    }

    @Test
    void deletionIsReportedAsFaultUnlessNotifyDeleted() {
        dispatcher(MAIL_ALL).instanceState("VI_1", NotifyState.DELETED, 100, scripts(), null, false);
        assertEquals(List.of("script /etc/k/fault.sh", "script /etc/k/notify.sh generic_1 INSTANCE VI_1 FAULT 100",
                "fifo INSTANCE \"VI_1\" FAULT 100\n", "mail [LB1] VRRP Instance VI_1 - Entering FAULT state"), out);
        out.clear();
        dispatcher(MAIL_ALL).instanceState("VI_2", NotifyState.DELETED, 100, scripts(), null, true);
        assertEquals(List.of("script /etc/k/deleted.sh",
                "script /etc/k/notify.sh generic_1 INSTANCE VI_2 DELETED 100",
                "fifo INSTANCE \"VI_2\" DELETED 100\n", "mail [LB1] VRRP Instance VI_2 - Deleted"), out);
    }

    @Test
    void groupTransitionsPassPriorityZero() {
        dispatcher(MAIL_ALL).groupState("G1", NotifyState.BACKUP, scripts(), null);
        assertEquals(List.of("script /etc/k/backup.sh", "script /etc/k/notify.sh generic_1 GROUP G1 BACKUP 0",
                "fifo GROUP \"G1\" BACKUP 0\n", "mail [LB1] VRRP Group G1 - Entering BACKUP state"), out);
        assertThrows(IllegalArgumentException.class,
                () -> dispatcher(MAIL_ALL).groupState("G1", NotifyState.DELETED, scripts(), null));
    }

    @Test
    void mailOnlyOnStateChangeAndNotFaultsWithNoEmailFaults() {
        NotifyDispatcher d = dispatcher(new AlertPolicy(true, null, null, true, false, false));
        d.instanceState("VI_1", NotifyState.BACKUP, 100, VrrpNotifyScripts.none(), null, false);
        d.instanceState("VI_1", NotifyState.FAULT, 100, VrrpNotifyScripts.none(), null, false);
        d.instanceState("VI_1", NotifyState.BACKUP, 100, VrrpNotifyScripts.none(), null, false);
        d.instanceState("VI_1", NotifyState.MASTER, 100, VrrpNotifyScripts.none(), null, false);
        assertEquals(List.of("[LB1] VRRP Instance VI_1 - Entering BACKUP state",
                "[LB1] VRRP Instance VI_1 - Entering MASTER state"), mails());
        assertEquals(4, out.stream().filter(s -> s.startsWith("fifo")).count(), "the FIFO sees every transition");
    }

    @Test
    void vrrpMailIsOffByDefault() {
        dispatcher(AlertPolicy.defaults()).instanceState("VI_1", NotifyState.MASTER, 100, VrrpNotifyScripts.none(),
                null, false);
        assertEquals(List.of(), mails());
        dispatcher(AlertPolicy.defaults()).instanceState("VI_2", NotifyState.MASTER, 100, VrrpNotifyScripts.none(),
                true, false);
        assertEquals(List.of("[LB1] VRRP Instance VI_2 - Entering MASTER state"), mails());
    }

    @Test
    void masterRxLowerPriorityAndPriorityChanges() {
        NotifyDispatcher d = dispatcher(MAIL_ALL);
        d.masterRxLowerPriority("VI_1", 150, scripts());
        d.priorityChanged("VI_1", true, 90);
        d.priorityChanged("VI_1", false, 80);
        assertEquals(List.of("script /etc/k/lower.sh", "fifo INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n",
                "fifo INSTANCE \"VI_1\" MASTER_PRIORITY 90\n", "fifo INSTANCE \"VI_1\" BACKUP_PRIORITY 80\n"), out);
    }

    @Test
    void lvsNotificationsRunScriptsWithoutExtraArguments() {
        NotifyDispatcher d = dispatcher(AlertPolicy.defaults());
        d.realServerState("[192.168.1.2]:tcp:80", "[10.0.0.1]:tcp:80", false,
                ScriptCommand.parse("/etc/k/rs_down.sh arg"), false);
        AlertMessage quorum = AlertMessage.virtualServerQuorum("LB1", "[10.0.0.1]:tcp:80", QuorumChange.GAINED, 1,
                0, 1, 2, clock.instant());
        d.virtualServerQuorum("[10.0.0.1]:tcp:80", true, ScriptCommand.parse("/etc/k/quorum_up.sh"), true, quorum);
        assertEquals(List.of("script /etc/k/rs_down.sh arg",
                "lvs-fifo RS [192.168.1.2]:tcp:80 [10.0.0.1]:tcp:80 DOWN\n",
                "script /etc/k/quorum_up.sh",
                "lvs-fifo VS [10.0.0.1]:tcp:80 UP\n",
                "mail [LB1] Virtualserver [10.0.0.1]:tcp:80 - UP"), out);
        assertEquals(null, timeouts.get(0));
        assertEquals(Duration.ofSeconds(1), timeouts.get(1), "stopping: limited like keepalived");
    }

    private List<String> mails() {
        return out.stream().filter(s -> s.startsWith("mail ")).map(s -> s.substring(5)).toList();
    }
}
