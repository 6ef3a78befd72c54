package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.KeepalivedNotifyConfig;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.log.SecretMasker;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
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
        dispatcher = new NotifyDispatcher(runner::run, fifos, this::submit, KeepalivedNotifyConfig.alertPolicy(g),
                g.routerId(), Clock.systemDefaultZone());
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
        dispatcher.reconfigure(KeepalivedNotifyConfig.alertPolicy(g), g.routerId());
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
