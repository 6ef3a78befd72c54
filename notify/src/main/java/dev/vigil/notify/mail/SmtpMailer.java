package dev.vigil.notify.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts over SMTP with Jakarta Mail, one connection per alert as keepalived does. Without AUTH or TLS it
 * speaks HELO like keepalived; STARTTLS, SMTPS and AUTH switch to EHLO.
 */
public final class SmtpMailer implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final EmailSettings settings;
    private final ZoneId zone;
    private final Session session;
    private final Address[] recipients;
    private final String protocol;

    /** @param zone the zone of the Date header (keepalived uses local time) */
    public SmtpMailer(EmailSettings settings, ZoneId zone) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("mail is disabled: no smtp_server or no notification_email");
        }
        this.settings = settings;
        this.zone = zone;
        this.protocol = settings.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(settings, protocol));
        this.recipients = settings.to().stream().map(SmtpMailer::address).toArray(Address[]::new);
    }

    public SmtpMailer(EmailSettings settings) {
        this(settings, ZoneId.systemDefault());
    }

    @Override
    public void send(AlertMessage alert) throws AlertDeliveryException {
        try {
            MimeMessage message = new VerbatimMessage(session,
                    KeepalivedMailFormat.render(alert, settings.from(), settings.to(), zone));
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(settings.smtpHost(), settings.smtpPort(), settings.username(), settings.password());
                LOG.debug("Remote SMTP server {} connected.", settings.serverText());
                transport.sendMessage(message, recipients);
            }
            LOG.debug("SMTP alert successfully sent.");
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    @Override
    public String describe() {
        return settings.serverText();
    }

    private AlertDeliveryException classify(MessagingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String server = settings.serverText();
        if (root instanceof ConnectException || root instanceof UnknownHostException) {
            return new AlertDeliveryException("SMTP connection ERROR to " + server + ".", false, e);
        }
        if (root instanceof SocketTimeoutException) {
            return new AlertDeliveryException("Timeout connecting SMTP server " + server + ".", false, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return new AlertDeliveryException("SMTP authentication refused by " + server + ": " + e.getMessage(),
                    true, e);
        }
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException()
                : null) {
            if (next instanceof SMTPSendFailedException s) {
                return refused(server, s.getCommand(), s.getReturnCode(), e);
            }
            if (next instanceof SMTPAddressFailedException a) {
                return refused(server, a.getCommand(), a.getReturnCode(), e);
            }
        }
        return new AlertDeliveryException("Error sending SMTP alert to " + server + ": " + e.getMessage(), false, e);
    }

    /** keepalived's wording; a 5xx reply is permanent, a 4xx one worth retrying. */
    private static AlertDeliveryException refused(String server, String command, int code, MessagingException e) {
        String verb = command == null || command.isBlank() ? "?" : command.strip().split("\\s")[0];
        if (verb.equals(".")) {
            verb = "BODY";
        }
        return new AlertDeliveryException("Error processing " + verb.toUpperCase(java.util.Locale.ROOT)
                + " cmd on SMTP server " + server + ". SMTP status code = " + code, code >= 500, e);
    }

    private static Properties properties(EmailSettings settings, String protocol) {
        Properties props = new Properties();
        String p = "mail." + protocol + ".";
        String timeout = Long.toString(settings.connectTimeout().toMillis());
        props.put(p + "connectiontimeout", timeout);
        props.put(p + "timeout", timeout);
        props.put(p + "writetimeout", timeout);
        if (settings.heloName() != null) {
            props.put(p + "localhost", settings.heloName());
        }
        props.put(p + "from", envelopeFrom(settings.from()));
        boolean auth = settings.username() != null;
        props.put(p + "auth", Boolean.toString(auth));
        props.put(p + "ehlo", Boolean.toString(auth || settings.security() != SmtpSecurity.NONE));
        if (settings.security() == SmtpSecurity.STARTTLS || settings.security() == SmtpSecurity.STARTTLS_IF_OFFERED) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", Boolean.toString(settings.security() == SmtpSecurity.STARTTLS));
        }
        if (settings.trustHosts() != null) {
            props.put(p + "ssl.trust", settings.trustHosts());
            // A host trusted without certificate validation is trusted without the name check as well.
            props.put(p + "ssl.checkserveridentity", "false");
        }
        return props;
    }

    /** keepalived sends {@code MAIL FROM:<from>}; a From like {@code Name <a@b>} still needs a bare envelope address. */
    private static String envelopeFrom(String from) {
        try {
            return new InternetAddress(from, false).getAddress();
        } catch (AddressException e) {
            return from;
        }
    }

    private static Address address(String text) {
        try {
            return new InternetAddress(text, false);
        } catch (AddressException e) {
            throw new IllegalArgumentException("bad notification_email address '" + text + "': " + e.getMessage(), e);
        }
    }

    /** A message whose headers are exactly the parsed ones: Jakarta Mail adds no MIME-Version or Message-ID. */
    private static final class VerbatimMessage extends MimeMessage {
        VerbatimMessage(Session session, byte[] raw) throws MessagingException {
            super(session, new ByteArrayInputStream(raw));
        }

        @Override
        protected void updateHeaders() {
            // keepalived's five headers are complete; nothing to add.
        }
    }
}
