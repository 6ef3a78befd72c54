package dev.vigil.notify;

import dev.vigil.conf.model.GlobalDefs;
import dev.vigil.conf.model.Notifies;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.SmtpSecurity;
import java.nio.file.Path;

/**
 * Maps the keepalived.conf model (module conf) onto this module's settings. Vigil's own mail options (STARTTLS,
 * AUTH, queue and flap digest) come from the HOCON settings, {@code vigil.email}.
 */
public final class KeepalivedNotifyConfig {
    private KeepalivedNotifyConfig() {
    }

    /** global_defs' email keywords; plain SMTP as keepalived. */
    public static EmailSettings emailSettings(GlobalDefs g) {
        return new EmailSettings(g.smtpServer(), g.smtpPort(), g.smtpConnectTimeout(), g.smtpHeloName(),
                g.notificationEmailFrom(), g.notificationEmail(), g.routerId(), SmtpSecurity.NONE, null, null, null);
    }

    /**
     * global_defs' email keywords with {@code vigil.email}'s STARTTLS policy and SMTP AUTH (an empty user = none).
     * Certificates are validated against the JVM's trust store.
     */
    public static EmailSettings emailSettings(GlobalDefs g, VigilSettings.Email vigil) {
        SmtpSecurity security = switch (vigil.starttls()) {
            case OFF -> SmtpSecurity.NONE;
            case OPPORTUNISTIC -> SmtpSecurity.STARTTLS_IF_OFFERED;
            case REQUIRED -> SmtpSecurity.STARTTLS;
        };
        VigilSettings.Auth auth = vigil.auth();
        return emailSettings(g).withSecurity(security, auth.enabled() ? auth.user() : null,
                auth.enabled() ? auth.password() : null, null);
    }

    /** {@code vigil.email}'s queue capacity, retry backoff and flap digest. */
    public static AlertQueueSettings alertQueueSettings(VigilSettings.Email vigil) {
        return new AlertQueueSettings(vigil.queueCapacity(), vigil.retry().initial(), vigil.retry().max(),
                vigil.flapDigest().threshold(), vigil.flapDigest().hold(), vigil.flapDigest().maxHold());
    }

    /** global_defs' smtp_alert* and no_email_faults ({@code no_checker_emails} is not in the model: off). */
    public static AlertPolicy alertPolicy(GlobalDefs g) {
        return new AlertPolicy(g.smtpAlert(), g.smtpAlertVrrp(), g.smtpAlertChecker(), g.noEmailFaults(), false,
                false);
    }

    /** An instance's or sync group's notify scripts. */
    public static VrrpNotifyScripts scripts(Notifies n) {
        if (n == null) {
            return VrrpNotifyScripts.none();
        }
        return new VrrpNotifyScripts(command(n.master()), command(n.backup()), command(n.fault()),
                command(n.stop()), command(n.deleted()), command(n.generic()), command(n.masterRxLowerPri()));
    }

    /** A script as written, with its user/group; null stays null. */
    public static ScriptCommand command(NotifyScript s) {
        return s == null ? null : ScriptCommand.parse(s.command(), s.user(), s.group());
    }

    /** {@code notify_fifo FIFO [user [group]]} (and the vrrp_/lvs_ variants); null stays null. */
    public static NotifyFifos.FifoSpec fifo(NotifyScript s) {
        return s == null ? null : new NotifyFifos.FifoSpec(Path.of(s.command()), null, s.user(), s.group());
    }
}
