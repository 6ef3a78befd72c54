package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.KeepalivedNotifyConfig;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.log.SecretMasker;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's notification outputs built from global_defs: notify scripts (one {@link ScriptRunner}, shared with
 * track scripts), the notify FIFOs, and the SMTP alert queue when {@code smtp_server} and
 * {@code notification_email} are both set, with {@code vigil.email}'s STARTTLS, AUTH, queue capacity, retry backoff
 * and flap digest. On stop, STOP scripts get up to 1 s and queued mail what is left of the shutdown grace.
 */
@Singleton
public final class Notifications implements ConfigReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final Duration MAIL_DRAIN = Duration.ofSeconds(5);
    private static final Duration MIN_MAIL_DRAIN = Duration.ofMillis(500);

    private final VigilSettings.Email vigilEmail;
    private final Duration mailDrain;
    private final ScriptRunner runner;
    private final NotifyFifos fifos;
    private final NotifyDispatcher dispatcher;
    // Mail can be switched on, off or to another server by a reload; the queue, once made, lives until exit so that
    // waiting alerts are never lost.
    private EmailSettings email;
    private ExecutorAlertScheduler scheduler;
    private volatile AlertQueue mail;
    private volatile boolean mailOn;
    // What a reload changes in every dispatcher, and the checker generations' gated dispatchers that must follow it.
    private AlertPolicy policy;
    private String routerId;
    private final List<Gated> gated = new ArrayList<>();

    private record Gated(BooleanSupplier open, NotifyDispatcher dispatcher) {
    }

    @Inject
    public Notifications(CurrentConfig current, VigilSettings settings) {
        this.vigilEmail = settings.email();
        this.mailDrain = mailDrain(settings.timers().shutdownGrace());
        GlobalDefs g = current.config().globalDefs();
        runner = scriptRunner(g);
        fifos = NotifyFifos.open(KeepalivedNotifyConfig.fifo(g.notifyFifo()),
                KeepalivedNotifyConfig.fifo(g.vrrpNotifyFifo()), KeepalivedNotifyConfig.fifo(g.lvsNotifyFifo()),
                false, runner);
        applyEmail(KeepalivedNotifyConfig.emailSettings(g, vigilEmail));
        policy = KeepalivedNotifyConfig.alertPolicy(g);
        routerId = g.routerId();
        dispatcher = new NotifyDispatcher(runner::run, fifos, this::submit, policy, routerId,
                Clock.systemDefaultZone());
    }

    /** With the default settings (tests). */
    public Notifications(CurrentConfig current) {
        this(current, VigilSettings.defaults());
    }

    /**
     * How long queued mail may take at stop: what is left of {@code vigil.timers.shutdown-grace} after VRRP's stop
     * and the STOP scripts (so that an unreachable mail server cannot make an orderly stop overrun the grace and exit
     * as a failure), at most {@link #MAIL_DRAIN}, at least half a second.
     */
    static Duration mailDrain(Duration shutdownGrace) {
        Duration left = shutdownGrace.minus(VrrpService.STOP_LIMIT).minus(NotifyDispatcher.STOP_SCRIPT_LIMIT)
                .minus(MIN_MAIL_DRAIN);
        return left.compareTo(MAIL_DRAIN) > 0 ? MAIL_DRAIN : left.compareTo(MIN_MAIL_DRAIN) < 0 ? MIN_MAIL_DRAIN : left;
    }

    /**
     * SIGHUP: global_defs' mail keywords apply at once, as in keepalived; alerts still waiting are kept and go to the
     * new server. (script_user and the notify FIFOs take effect at the next start.)
     */
    @Override
    public synchronized void configReloaded(LoadResult previous, LoadResult current) {
        GlobalDefs g = current.config().globalDefs();
        applyEmail(KeepalivedNotifyConfig.emailSettings(g, vigilEmail));
        policy = KeepalivedNotifyConfig.alertPolicy(g);
        routerId = g.routerId();
        dispatcher.reconfigure(policy, routerId);
        gated.removeIf(d -> !d.open().getAsBoolean());
        gated.forEach(d -> d.dispatcher().reconfigure(policy, routerId));
    }

    private synchronized void applyEmail(EmailSettings next) {
        if (next.equals(email)) {
            return;
        }
        email = next;
        if (!next.enabled()) {
            if (mailOn) {
                LOG.info("Alert mail switched off (no smtp_server or notification_email)");
            }
            mailOn = false;
            return;
        }
        if (next.password() != null) {
            SecretMasker.register(next.password());
        }
        if (mail == null) {
            scheduler = new ExecutorAlertScheduler();
            mail = new AlertQueue(new SmtpMailer(next), KeepalivedNotifyConfig.alertQueueSettings(vigilEmail),
                    scheduler);
        } else {
            mail.replaceTransport(new SmtpMailer(next));
        }
        mailOn = true;
    }

    /** The dispatcher's mail output: queued while mail is configured, ignored otherwise. */
    private void submit(AlertMessage alert) {
        AlertQueue queue = mail;
        if (queue != null && mailOn) {
            queue.submit(alert);
        }
    }

    /**
     * global_defs {@code script_user USER [GROUP]} and {@code enable_script_security}; a user that does not exist is
     * reported and keepalived's default user ({@code keepalived_script} if it exists, else root) is used.
     */
    static ScriptRunner scriptRunner(GlobalDefs g) {
        try {
            return ScriptRunner.configured(g.scriptUser(), g.scriptGroup(), g.enableScriptSecurity());
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            return ScriptRunner.configured(null, null, g.enableScriptSecurity());
        }
    }

    public NotifyDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The same outputs for one checker generation: once {@code open} answers false (the generation died and is being
     * replaced), nothing it asks for goes out any more, so its teardown notifies nobody.
     */
    synchronized NotifyDispatcher dispatcher(BooleanSupplier open) {
        FifoSink gatedFifos = new FifoSink() {
            @Override
            public void writeVrrp(String line) {
                if (open.getAsBoolean()) {
                    fifos.writeVrrp(line);
                }
            }

            @Override
            public void writeLvs(String line) {
                if (open.getAsBoolean()) {
                    fifos.writeLvs(line);
                }
            }
        };
        ScriptResult skipped = new ScriptResult(0, 0, false, Duration.ZERO, null);
        NotifyDispatcher d = new NotifyDispatcher((cmd, timeout) -> open.getAsBoolean() ? runner.run(cmd, timeout)
                : CompletableFuture.completedFuture(skipped), gatedFifos, m -> {
                    if (open.getAsBoolean()) {
                        submit(m);
                    }
                }, policy, routerId, Clock.systemDefaultZone());
        gated.removeIf(g -> !g.open().getAsBoolean());
        gated.add(new Gated(open, d));
        return d;
    }

    public ScriptRunner scriptRunner() {
        return runner;
    }

    /** Closed after VRRP and the checkers (which depend on it), so their STOP notifications have been started. */
    @PreDestroy
    public void close() {
        if (!dispatcher.awaitStopScripts(NotifyDispatcher.STOP_SCRIPT_LIMIT)) {
            LOG.warn("notify_stop scripts still running after {} s", NotifyDispatcher.STOP_SCRIPT_LIMIT.toSeconds());
        }
        AlertQueue queue = mail;
        if (queue != null && !queue.drainBeforeExit(mailDrain)) {
            LOG.warn("{} alert mail(s) not sent before exit", queue.pending());
        }
        synchronized (this) {
            if (scheduler != null) {
                scheduler.close();
            }
        }
        fifos.close();
    }
}
