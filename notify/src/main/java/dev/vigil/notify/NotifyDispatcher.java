package dev.vigil.notify;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.fifo.FifoLines;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Turns VRRP and LVS state changes into keepalived's notifications, in keepalived's order
 * (vrrp/vrrp_notify.c {@code send_instance_notifies()}, check/ipwrapper.c): the state-specific script, the generic
 * {@code notify} script with its four arguments, the FIFO line, then the alert mail.
 *
 * <p>Nothing here blocks the caller (the VRRP thread): scripts are started asynchronously and not waited for
 * (STOP scripts are killed after {@link #STOP_SCRIPT_LIMIT}, like keepalived's {@code system_call_script(..,
 * TIMER_HZ, ..)}), FIFO lines are buffered and mails queued. A script that hangs, fails or is missing is logged.
 * The returned futures complete when the launched scripts have ended, so shutdown can wait for STOP scripts.
 *
 * <p>Callers decide <em>whether</em> to notify (startup's {@code (init)} state, sync-group members already in their
 * group's state, {@code vrrp_notify_priority_changes}); this class decides <em>how</em>.
 */
public final class NotifyDispatcher {
    /** keepalived reaps STOP notify scripts after one second and kills them. */
    public static final Duration STOP_SCRIPT_LIMIT = Duration.ofSeconds(1);

    /** Starts a script without blocking; {@link ScriptRunner#run} in production. */
    @FunctionalInterface
    public interface ScriptLauncher {
        CompletableFuture<ScriptResult> run(ScriptCommand command, Duration timeout);
    }

    private final ScriptLauncher runner;
    private final FifoSink fifos;
    private final Consumer<AlertMessage> mail;
    private volatile AlertPolicy policy;
    private volatile String routerId;
    private final Clock clock;
    private final Map<String, NotifyState> lastMailed = new ConcurrentHashMap<>();
    /** STOP-time scripts still running: shutdown waits for them ({@link #awaitStopScripts}). */
    private final Set<CompletableFuture<?>> stopScripts = ConcurrentHashMap.newKeySet();

    /**
     * @param mail     the alert queue, or null when mail is not configured
     * @param routerId {@code router_id} for mail subjects
     */
    public NotifyDispatcher(ScriptRunner runner, NotifyFifos fifos, AlertQueue mail, AlertPolicy policy,
                            String routerId, Clock clock) {
        this(runner::run, fifos, mail == null ? null : mail::submit, policy, routerId, clock);
    }

    /** The same with every output replaceable (tests, or other sinks). */
    public NotifyDispatcher(ScriptLauncher runner, FifoSink fifos, Consumer<AlertMessage> mail, AlertPolicy policy,
                            String routerId, Clock clock) {
        this.runner = runner;
        this.fifos = fifos;
        this.mail = mail;
        this.policy = policy;
        this.routerId = routerId;
        this.clock = clock;
    }

    /**
     * A VRRP instance entered a state (or stopped, or was deleted at reload).
     *
     * @param priority      the effective priority, passed to the generic script and the FIFO
     * @param smtpAlert     the instance's {@code smtp_alert}, null when unset
     * @param notifyDeleted the instance's {@code notify_deleted}; without it a deletion is reported as FAULT
     */
    public CompletableFuture<Void> instanceState(String instance, NotifyState state, int priority,
                                                 VrrpNotifyScripts scripts, Boolean smtpAlert,
                                                 boolean notifyDeleted) {
        NotifyState reported = state == NotifyState.DELETED && !notifyDeleted ? NotifyState.FAULT : state;
        Duration limit = reported == NotifyState.STOP ? STOP_SCRIPT_LIMIT : null;
        List<CompletableFuture<ScriptResult>> launched = new ArrayList<>();
        launch(launched, "(" + instance + ")", VrrpNotifyScripts.keyword(reported), scripts.forState(reported), limit);
        if (scripts.generic() != null) {
            launch(launched, "(" + instance + ")", "notify", scripts.generic().withExtraArgs(
                    List.of("INSTANCE", instance, reported.name(), Integer.toString(priority))), limit);
        }
        fifos.writeVrrp(FifoLines.instance(instance, reported.name(), priority));
        String key = "instance " + instance;
        if (mail != null && policy.mailVrrpState(smtpAlert, reported, lastMailed.get(key))) {
            mail.accept(AlertMessage.vrrpInstance(routerId, instance, reported, clock.instant()));
            lastMailed.put(key, reported);
        }
        return allOf(launched);
    }

    /** A sync group entered a state or stopped (groups report priority 0 and have no DELETED). */
    public CompletableFuture<Void> groupState(String group, NotifyState state, VrrpNotifyScripts scripts,
                                              Boolean smtpAlert) {
        if (state == NotifyState.DELETED) {
            throw new IllegalArgumentException("sync groups have no DELETED notification");
        }
        Duration limit = state == NotifyState.STOP ? STOP_SCRIPT_LIMIT : null;
        List<CompletableFuture<ScriptResult>> launched = new ArrayList<>();
        launch(launched, "(" + group + ")", VrrpNotifyScripts.keyword(state), scripts.forState(state), limit);
        if (scripts.generic() != null) {
            launch(launched, "(" + group + ")", "notify",
                    scripts.generic().withExtraArgs(List.of("GROUP", group, state.name(), "0")), limit);
        }
        fifos.writeVrrp(FifoLines.group(group, state.name()));
        String key = "group " + group;
        if (mail != null && policy.mailVrrpState(smtpAlert, state, lastMailed.get(key))) {
            mail.accept(AlertMessage.vrrpGroup(routerId, group, state, clock.instant()));
            lastMailed.put(key, state);
        }
        return allOf(launched);
    }

    /** A MASTER received a lower-priority advert: {@code notify_master_rx_lower_pri} as written, then the FIFO. */
    public CompletableFuture<Void> masterRxLowerPriority(String instance, int priority, VrrpNotifyScripts scripts) {
        List<CompletableFuture<ScriptResult>> launched = new ArrayList<>();
        launch(launched, "(" + instance + ")", "notify_master_rx_lower_pri", scripts.masterRxLowerPri(), null);
        fifos.writeVrrp(FifoLines.instance(instance, FifoLines.MASTER_RX_LOWER_PRI, priority));
        return allOf(launched);
    }

    /** The effective priority changed ({@code vrrp_notify_priority_changes}): FIFO only, as keepalived. */
    public void priorityChanged(String instance, boolean master, int priority) {
        fifos.writeVrrp(FifoLines.instance(instance, master ? FifoLines.MASTER_PRIORITY : FifoLines.BACKUP_PRIORITY,
                priority));
    }

    /**
     * A real server came up or went down: its {@code notify_up}/{@code notify_down} script (no extra arguments),
     * then the FIFO line. Its mail comes from the checker, with the checker's text: {@link #mail(AlertMessage)}.
     *
     * @param script   the RS's notify_up (alive) or notify_down (not alive) script, or null
     * @param stopping Vigil is shutting down: the script is killed after {@link #STOP_SCRIPT_LIMIT}
     */
    public CompletableFuture<Void> realServerState(String rs, String vs, boolean alive, ScriptCommand script,
                                                   boolean stopping) {
        List<CompletableFuture<ScriptResult>> launched = new ArrayList<>();
        launch(launched, rs, alive ? "notify_up" : "notify_down", script, stopping ? STOP_SCRIPT_LIMIT : null);
        fifos.writeLvs(FifoLines.realServer(rs, vs, alive));
        return allOf(launched);
    }

    /**
     * A virtual server's quorum changed: {@code quorum_up}/{@code quorum_down} (no extra arguments), the FIFO line,
     * then its mail when the VS has {@code smtp_alert} (build it with {@link AlertMessage#virtualServerQuorum}).
     *
     * @param alert the mail to send, or null
     */
    public CompletableFuture<Void> virtualServerQuorum(String vs, boolean up, ScriptCommand script, boolean stopping,
                                                       AlertMessage alert) {
        List<CompletableFuture<ScriptResult>> launched = new ArrayList<>();
        launch(launched, vs, up ? "quorum_up" : "quorum_down", script, stopping ? STOP_SCRIPT_LIMIT : null);
        fifos.writeLvs(FifoLines.virtualServer(vs, up));
        mail(alert);
        return allOf(launched);
    }

    /** Queues a mail (a checker's real-server alert); ignored when mail is not configured or alert is null. */
    public void mail(AlertMessage alert) {
        if (mail != null && alert != null) {
            mail.accept(alert);
        }
    }

    /**
     * Waits, at most {@code max}, for the scripts started while stopping ({@code notify_stop}, the generic script's
     * STOP, real servers' {@code notify_down} at shutdown) to end; they are killed after {@link #STOP_SCRIPT_LIMIT}
     * anyway. Call before the process exits: a script still running then would die with it.
     *
     * @return true when none is left running
     */
    public boolean awaitStopScripts(Duration max) {
        CompletableFuture<Void> all = CompletableFuture.allOf(stopScripts.toArray(CompletableFuture[]::new));
        try {
            all.get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            // a failed script has ended too; ScriptOutcomes has reported it
        }
        return true;
    }

    /** A reload changed global_defs: the new {@code smtp_alert*} policy and {@code router_id} apply from now on. */
    public void reconfigure(AlertPolicy newPolicy, String newRouterId) {
        this.policy = newPolicy;
        this.routerId = newRouterId;
    }

    public AlertPolicy policy() {
        return policy;
    }

    public String routerId() {
        return routerId;
    }

    private void launch(List<CompletableFuture<ScriptResult>> launched, String subject, String kind,
                        ScriptCommand script, Duration limit) {
        if (script == null) {
            return;
        }
        CompletableFuture<ScriptResult> result;
        try {
            result = runner.run(script, limit);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(ScriptResult.notStarted(e.toString()));
        }
        CompletableFuture<ScriptResult> reported = result.whenComplete(
                (r, error) -> ScriptOutcomes.report(subject, kind, script, r, error));
        if (limit != null) {
            stopScripts.add(reported);
            reported.whenComplete((r, error) -> stopScripts.remove(reported));
        }
        launched.add(reported);
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<ScriptResult>> launched) {
        return CompletableFuture.allOf(launched.toArray(CompletableFuture[]::new))
                .handle((v, e) -> null);
    }
}
