package dev.vigil.notify.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how alert mails are sent: keepalived's global_defs email keywords plus Vigil's STARTTLS/SMTPS and AUTH.
 * The daemon maps keepalived.conf and its HOCON settings into this record.
 *
 * @param smtpHost       {@code smtp_server} host or address; null disables mail as in keepalived
 * @param smtpPort       {@code smtp_server ... PORT} (25)
 * @param connectTimeout {@code smtp_connect_timeout} (30 s), also used as the read/write timeout
 * @param heloName       {@code smtp_helo_name} (default: the host name)
 * @param from           {@code notification_email_from}, verbatim (default {@code <user>@<hostname>})
 * @param to             {@code notification_email}; empty disables mail as in keepalived
 * @param routerId       {@code router_id}, the subject's {@code [..]} prefix (default: the host name); null = none
 * @param security       Vigil: {@link SmtpSecurity}
 * @param username       Vigil: SMTP AUTH user, or null for no AUTH
 * @param password       Vigil: SMTP AUTH password; never logged (see {@link #toString()})
 * @param trustHosts     Vigil: hosts whose certificates are trusted without validation or name check
 *                       ({@code "*"} = all), or null to validate against the JVM trust store
 */
public record EmailSettings(String smtpHost, int smtpPort, Duration connectTimeout, String heloName, String from,
                            List<String> to, String routerId, SmtpSecurity security, String username, String password,
                            String trustHosts) {
    public static final int DEFAULT_PORT = 25;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    public EmailSettings {
        to = List.copyOf(to);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(security, "security");
        if (smtpPort <= 0 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtp port out of range: " + smtpPort);
        }
    }

    /** keepalived's settings with its defaults for everything not given (plain SMTP, no AUTH). */
    public static EmailSettings keepalived(String smtpHost, List<String> to) {
        String host = localHostName();
        return new EmailSettings(smtpHost, DEFAULT_PORT, DEFAULT_CONNECT_TIMEOUT, host,
                System.getProperty("user.name") + "@" + host, to, host, SmtpSecurity.NONE, null, null, null);
    }

    /** keepalived sends mail only when both a server and at least one recipient are configured. */
    public boolean enabled() {
        return smtpHost != null && !to.isEmpty();
    }

    /** The server as keepalived names it in log lines: {@code [10.99.0.1]:2525}. */
    public String serverText() {
        return "[" + smtpHost + "]:" + smtpPort;
    }

    public EmailSettings withPort(int port) {
        return new EmailSettings(smtpHost, port, connectTimeout, heloName, from, to, routerId, security, username,
                password, trustHosts);
    }

    public EmailSettings withFrom(String newFrom) {
        return new EmailSettings(smtpHost, smtpPort, connectTimeout, heloName, newFrom, to, routerId, security,
                username, password, trustHosts);
    }

    public EmailSettings withRouterId(String id) {
        return new EmailSettings(smtpHost, smtpPort, connectTimeout, heloName, from, to, id, security, username,
                password, trustHosts);
    }

    public EmailSettings withConnectTimeout(Duration timeout) {
        return new EmailSettings(smtpHost, smtpPort, timeout, heloName, from, to, routerId, security, username,
                password, trustHosts);
    }

    public EmailSettings withSecurity(SmtpSecurity sec, String user, String pass, String trust) {
        return new EmailSettings(smtpHost, smtpPort, connectTimeout, heloName, from, to, routerId, sec, user, pass,
                trust);
    }

    @Override
    public String toString() {
        return "EmailSettings[smtp=" + serverText() + ", timeout=" + connectTimeout + ", helo=" + heloName
                + ", from=" + from + ", to=" + to + ", routerId=" + routerId + ", security=" + security
                + ", username=" + username + ", password=" + (password == null ? "null" : "****")
                + ", trustHosts=" + trustHosts + "]";
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
