package dev.vigil.daemon;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import dev.vigil.notify.mail.SmtpSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's notification outputs built from global_defs: notify scripts (one {@link ScriptRunner}, shared with
 * track scripts), the notify FIFOs, and the SMTP alert queue when {@code smtp_server} and
 * {@code notification_email} are both set. On stop, queued mail gets a few seconds to go out.
 */
@Singleton
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final Duration MAIL_DRAIN = Duration.ofSeconds(5);

    private final ScriptRunner runner = new ScriptRunner();
    private final NotifyFifos fifos;
    private final ExecutorAlertScheduler scheduler;
    private final AlertQueue mail;
    private final NotifyDispatcher dispatcher;
    private final AlertPolicy policy;
    private final String routerId;

    public Notifications(CurrentConfig current) {
        GlobalDefs g = current.config().globalDefs();
        fifos = NotifyFifos.open(fifo(g.notifyFifo()), fifo(g.vrrpNotifyFifo()), fifo(g.lvsNotifyFifo()), false,
                runner);
        EmailSettings email = new EmailSettings(g.smtpServer(), g.smtpPort(), g.smtpConnectTimeout(),
                g.smtpHeloName(), g.notificationEmailFrom(), g.notificationEmail(), g.routerId(), SmtpSecurity.NONE,
                null, null, null);
        if (email.enabled()) {
            scheduler = new ExecutorAlertScheduler();
            mail = new AlertQueue(new SmtpMailer(email), AlertQueueSettings.defaults(), scheduler);
        } else {
            scheduler = null;
            mail = null;
        }
        policy = new AlertPolicy(g.smtpAlert(), g.smtpAlertVrrp(), g.smtpAlertChecker(),
                g.noEmailFaults(), false, false);
        routerId = g.routerId();
        dispatcher = new NotifyDispatcher(runner, fifos, mail, policy, routerId, Clock.systemDefaultZone());
    }

    private static NotifyFifos.FifoSpec fifo(NotifyScript s) {
        return s == null ? null : new NotifyFifos.FifoSpec(Path.of(s.command()), null, s.user(), s.group());
    }

    public NotifyDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The same outputs for one checker generation: once {@code open} answers false (the generation died and is being
     * replaced), nothing it asks for goes out any more, so its teardown notifies nobody.
     */
    NotifyDispatcher dispatcher(BooleanSupplier open) {
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
        return new NotifyDispatcher((cmd, timeout) -> open.getAsBoolean() ? runner.run(cmd, timeout)
                : CompletableFuture.completedFuture(skipped), gatedFifos, mail == null ? null : m -> {
                    if (open.getAsBoolean()) {
                        mail.submit(m);
                    }
                }, policy, routerId, Clock.systemDefaultZone());
    }

    public ScriptRunner scriptRunner() {
        return runner;
    }

    @PreDestroy
    public void close() {
        if (mail != null && !mail.drainBeforeExit(MAIL_DRAIN)) {
            LOG.warn("{} alert mail(s) not sent before exit", mail.pending());
        }
        if (scheduler != null) {
            scheduler.close();
        }
        fifos.close();
    }
}
