package dev.vigil.notify.mail;

/** How the SMTP connection is protected. keepalived only speaks {@link #NONE}. */
public enum SmtpSecurity {
    /** Plain SMTP with HELO, exactly as keepalived (unless AUTH is configured, which needs EHLO). */
    NONE,
    /** EHLO, then STARTTLS, which is required: a server that does not offer it gets no mail (no silent downgrade). */
    STARTTLS,
    /** EHLO, then STARTTLS when the server offers it, plain SMTP when it does not. */
    STARTTLS_IF_OFFERED,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SMTPS
}
