package dev.vigil.daemon;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.KeepalivedNotifyConfig;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.log.SecretMasker;
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
 * {@code notification_email} are both set, with {@code vigil.email}'s STARTTLS, AUTH, queue capacity, retry backoff and flap digest.
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
        this(current, settings.email());
    }

    /** With the default {@code vigil.email} settings (tests). */
    public Notifications(CurrentConfig current) {
        this(current, VigilSettings.defaults().email());
    }

    private Notifications(CurrentConfig current, VigilSettings.Email vigilEmail) {
        GlobalDefs g = current.config().globalDefs();
        runner = scriptRunner(g);
        fifos = NotifyFifos.open(KeepalivedNotifyConfig.fifo(g.notifyFifo()),
                KeepalivedNotifyConfig.fifo(g.vrrpNotifyFifo()), KeepalivedNotifyConfig.fifo(g.lvsNotifyFifo()),
                false, runner);
        EmailSettings email = KeepalivedNotifyConfig.emailSettings(g, vigilEmail);
        if (email.enabled()) {
            if (email.password() != null) {
                SecretMasker.register(email.password());
            }
            scheduler = new ExecutorAlertScheduler();
            mail = new AlertQueue(new SmtpMailer(email), KeepalivedNotifyConfig.alertQueueSettings(vigilEmail),
                    scheduler);
        } else {
            scheduler = null;
            mail = null;
        }
        dispatcher = new NotifyDispatcher(runner, fifos, mail, KeepalivedNotifyConfig.alertPolicy(g), g.routerId(),
                Clock.systemDefaultZone());
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
        if (mail != null && !mail.drainBeforeExit(MAIL_DRAIN)) {
            LOG.warn("{} alert mail(s) not sent before exit", mail.pending());
        }
        if (scheduler != null) {
            scheduler.close();
        }
        fifos.close();
    }
}
