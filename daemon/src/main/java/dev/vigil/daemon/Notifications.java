package dev.vigil.daemon;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import dev.vigil.notify.mail.SmtpSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's notification outputs built from global_defs: notify scripts (one {@link ScriptRunner}, shared with
 * track scripts), the notify FIFOs, and the SMTP alert queue when {@code smtp_server} and
 * {@code notification_email} are both set, tuned by {@code vigil.email} (queue capacity, retry backoff, flap digest).
 * On stop, queued mail gets a few seconds to go out.
 */
@Singleton
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final Duration MAIL_DRAIN = Duration.ofSeconds(5);

    private final ScriptRunner runner;
    private final NotifyFifos fifos;
    private final ExecutorAlertScheduler scheduler;
    private final AlertQueue mail;
    private final NotifyDispatcher dispatcher;

    @Inject
    public Notifications(CurrentConfig current, VigilSettings settings) {
        this(current, queueSettings(settings.email()));
    }

    /** With the queue's built-in defaults (tests). */
    public Notifications(CurrentConfig current) {
        this(current, AlertQueueSettings.defaults());
    }

    private Notifications(CurrentConfig current, AlertQueueSettings queueSettings) {
        GlobalDefs g = current.config().globalDefs();
        runner = scriptRunner(g);
        fifos = NotifyFifos.open(fifo(g.notifyFifo()), fifo(g.vrrpNotifyFifo()), fifo(g.lvsNotifyFifo()), false,
                runner);
        EmailSettings email = new EmailSettings(g.smtpServer(), g.smtpPort(), g.smtpConnectTimeout(),
                g.smtpHeloName(), g.notificationEmailFrom(), g.notificationEmail(), g.routerId(), SmtpSecurity.NONE,
                null, null, null);
        if (email.enabled()) {
            scheduler = new ExecutorAlertScheduler();
            mail = new AlertQueue(new SmtpMailer(email), queueSettings, scheduler);
        } else {
            scheduler = null;
            mail = null;
        }
        AlertPolicy policy = new AlertPolicy(g.smtpAlert(), g.smtpAlertVrrp(), g.smtpAlertChecker(),
                g.noEmailFaults(), false, false);
        dispatcher = new NotifyDispatcher(runner, fifos, mail, policy, g.routerId(), Clock.systemDefaultZone());
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

    /** {@code vigil.email}'s queue capacity, retry backoff and flap digest. */
    static AlertQueueSettings queueSettings(VigilSettings.Email email) {
        return new AlertQueueSettings(email.queueCapacity(), email.retry().initial(), email.retry().max(),
                email.flapDigest().threshold(), email.flapDigest().hold(), email.flapDigest().maxHold());
    }

    private static NotifyFifos.FifoSpec fifo(NotifyScript s) {
        return s == null ? null : new NotifyFifos.FifoSpec(Path.of(s.command()), null, s.user(), s.group());
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
        if (mail != null && !mail.drainBeforeExit(MAIL_DRAIN)) {
            LOG.warn("{} alert mail(s) not sent before exit", mail.pending());
        }
        if (scheduler != null) {
            scheduler.close();
        }
        fifos.close();
    }
}
