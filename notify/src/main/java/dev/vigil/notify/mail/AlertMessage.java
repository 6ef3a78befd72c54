package dev.vigil.notify.mail;

import dev.vigil.notify.NotifyState;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert mail: keepalived 2.2.7's subject and body (core/smtp.c {@code smtp_alert()} and its callers), plus the
 * source it concerns (used to coalesce a flapping source's mails) and the time it was raised (the mail's Date).
 *
 * @param source   what the alert is about, e.g. {@code instance VI_1}; alerts of one source are flap-counted together
 * @param subject  the full Subject header, {@code [router_id] ...}, at most 255 characters as keepalived truncates
 * @param body     the text, at most 511 characters as keepalived truncates
 * @param raisedAt when the event happened
 */
public record AlertMessage(String source, String subject, String body, Instant raisedAt) {
    static final int MAX_SUBJECT = 255;
    static final int MAX_BODY = 511;

    public AlertMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }

    /** A VRRP instance entering a state, stopping or being deleted at reload. */
    public static AlertMessage vrrpInstance(String routerId, String instance, NotifyState state, Instant at) {
        String body = switch (state) {
            case MASTER -> "=> VRRP Instance is now owning VRRP VIPs <=";
            case BACKUP, FAULT -> "=> VRRP Instance is no longer owning VRRP VIPs <=";
            case STOP -> "=> VRRP Instance stopping <=";
            case DELETED -> "=> VRRP Deleted at reload <=";
        };
        return of("instance " + instance, routerId, "VRRP Instance " + instance + " - " + vrrpSuffix(state), body, at);
    }

    /** A sync group entering a state or stopping (groups have no DELETED mail in keepalived). */
    public static AlertMessage vrrpGroup(String routerId, String group, NotifyState state, Instant at) {
        String body = switch (state) {
            case MASTER, BACKUP, FAULT -> "=> All VRRP group instances are now in " + state + " state <=";
            case STOP -> "=> All VRRP group instances are now stopping <=";
            case DELETED -> throw new IllegalArgumentException("keepalived sends no DELETED mail for a sync group");
        };
        return of("group " + group, routerId, "VRRP Group " + group + " - " + vrrpSuffix(state), body, at);
    }

    /**
     * A checker changed a real server's state.
     *
     * @param rs      the real server as {@link dev.vigil.notify.LvsNames} formats it, e.g. {@code [192.168.1.2]:tcp:80}
     * @param vs      the virtual server, e.g. {@code [10.0.0.1]:tcp:80}
     * @param rsAlive whether the real server is alive now (the subject's UP/DOWN; with several checkers it can
     *                differ from this checker's verdict)
     * @param detail  see {@link CheckerKind#body(CheckVerdict, String)}
     */
    public static AlertMessage realServerCheck(String routerId, String rs, String vs, boolean rsAlive,
                                               CheckerKind checker, CheckVerdict verdict, String detail, Instant at) {
        return realServer(routerId, rs, vs, rsAlive ? "UP" : "DOWN", checker.body(verdict, detail), at);
    }

    /** A real server taken out at reload ({@code => Removing <=}) or at shutdown ({@code => Shutting down <=}). */
    public static AlertMessage realServerRemoved(String routerId, String rs, String vs, boolean shuttingDown,
                                                 Instant at) {
        return realServer(routerId, rs, vs, "DOWN", shuttingDown ? "=> Shutting down <=" : "=> Removing <=", at);
    }

    /**
     * A virtual server's quorum changed: {@code => Gained quorum 1+0=1 <= 2 <=}.
     *
     * @param threshold quorum minus hysteresis when losing, quorum plus hysteresis when gaining, as the caller computed
     * @param weightSum the summed weight of live real servers
     */
    public static AlertMessage virtualServerQuorum(String routerId, String vs, QuorumChange change, long quorum,
                                                   long hysteresis, long threshold, long weightSum, Instant at) {
        String body = "=> " + change.text() + " " + quorum + "+" + hysteresis + "=" + threshold + " <= " + weightSum
                + " <=";
        return of("vs " + vs, routerId, "Virtualserver " + vs + " - " + (change.up() ? "UP" : "DOWN"), body, at);
    }

    /** A virtual server going down because Vigil is stopping (omega set). */
    public static AlertMessage virtualServerShutdown(String routerId, String vs, Instant at) {
        return of("vs " + vs, routerId, "Virtualserver " + vs + " - DOWN", "=> Shutting down <=", at);
    }

    /** A free-form alert: {@code [router_id] subject}. */
    public static AlertMessage general(String routerId, String source, String subject, String body, Instant at) {
        return of(source, routerId, subject, body, at);
    }

    private static AlertMessage realServer(String routerId, String rs, String vs, String upDown, String body,
                                           Instant at) {
        return of("rs " + rs + " " + vs, routerId, "Realserver " + rs + " of virtual server " + vs + " - " + upDown,
                body, at);
    }

    private static String vrrpSuffix(NotifyState state) {
        return switch (state) {
            case MASTER, BACKUP, FAULT -> "Entering " + state + " state";
            case STOP -> "Stopping";
            case DELETED -> "Deleted";
        };
    }

    private static AlertMessage of(String source, String routerId, String subject, String body, Instant at) {
        String full = routerId == null ? subject : "[" + routerId + "] " + subject;
        return new AlertMessage(source, truncate(full, MAX_SUBJECT), truncate(body, MAX_BODY), at);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
