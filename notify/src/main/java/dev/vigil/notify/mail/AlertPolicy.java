package dev.vigil.notify.mail;

import dev.vigil.notify.NotifyState;

/**
 * Which events are mailed, with keepalived 2.2.7's resolution of {@code smtp_alert} settings
 * (vrrp/vrrp.c, check/check_data.c): a per-object {@code smtp_alert} wins; otherwise {@code smtp_alert_vrrp} /
 * {@code smtp_alert_checker}; otherwise the global {@code smtp_alert}; otherwise off, except real servers, which
 * default to on.
 *
 * @param smtpAlert        global {@code smtp_alert}, null when unset
 * @param smtpAlertVrrp    {@code smtp_alert_vrrp}, null when unset
 * @param smtpAlertChecker {@code smtp_alert_checker}, null when unset
 * @param noEmailFaults    {@code no_email_faults}: FAULT transitions are not mailed
 * @param noCheckerEmails  {@code no_checker_emails}: a checker's change is mailed only when it changes the real
 *                         server's aliveness
 * @param fileCheckEmails  Vigil: also mail FILE_CHECK changes (keepalived 2.2.7 never does)
 */
public record AlertPolicy(Boolean smtpAlert, Boolean smtpAlertVrrp, Boolean smtpAlertChecker, boolean noEmailFaults,
                          boolean noCheckerEmails, boolean fileCheckEmails) {

    /** Nothing configured: keepalived's defaults. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(null, null, null, false, false, false);
    }

    /** Whether a VRRP instance or sync group with this {@code smtp_alert} (null = unset) mails at all. */
    public boolean vrrpAlerts(Boolean perObject) {
        return resolve(perObject, smtpAlertVrrp, false);
    }

    /** Whether a virtual server with this {@code smtp_alert} (null = unset) mails quorum changes. */
    public boolean virtualServerAlerts(Boolean perObject) {
        return resolve(perObject, smtpAlertChecker, false);
    }

    /** Whether a real server with this {@code smtp_alert} (null = unset) mails; on by default. */
    public boolean realServerAlerts(Boolean perObject) {
        return resolve(perObject, smtpAlertChecker, true);
    }

    /**
     * Whether a VRRP state is mailed, given the state last mailed for the same instance or group (null if none):
     * keepalived mails on state change only and drops FAULT under {@code no_email_faults}.
     */
    public boolean mailVrrpState(Boolean perObject, NotifyState state, NotifyState lastMailed) {
        return vrrpAlerts(perObject) && !(noEmailFaults && state == NotifyState.FAULT) && state != lastMailed;
    }

    /**
     * Whether a checker's state change is mailed (check_*.c): the checker changed state, and either the real server's
     * aliveness changed with it or {@code no_checker_emails} is off.
     */
    public boolean mailCheckerChange(Boolean perRealServer, CheckerKind checker, boolean checkerChanged,
                                     boolean rsAliveChanged) {
        if (checker == CheckerKind.FILE && !fileCheckEmails) {
            return false;
        }
        return realServerAlerts(perRealServer) && checkerChanged && (rsAliveChanged || !noCheckerEmails);
    }

    private Boolean resolve(Boolean perObject, Boolean perKind, boolean fallback) {
        if (perObject != null) {
            return perObject;
        }
        if (perKind != null) {
            return perKind;
        }
        return smtpAlert != null ? smtpAlert : fallback;
    }
}
