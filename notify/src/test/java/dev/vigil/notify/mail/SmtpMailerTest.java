package dev.vigil.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.notify.NotifyState;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real SMTP: the exact keepalived message and dialogue, SMTPS + AUTH, STARTTLS refusal, error classification. */
class SmtpMailerTest {
    private static final Instant AT = Instant.parse("2026-11-21T04:13:45Z");
    private static final AlertMessage MASTER = AlertMessage.vrrpInstance("NODE1", "VI_1", NotifyState.MASTER, AT);

    private static EmailSettings settings(int port) {
        return new EmailSettings("127.0.0.1", port, Duration.ofSeconds(5), "lb1.example.com", "ka1@example.com",
                List.of("ops@example.com", "oncall@example.com"), "NODE1", SmtpSecurity.NONE, null, null, null);
    }

    @Test
    void keepalivedDialogueAndMessageByteForByte() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            new SmtpMailer(settings(server.port()), ZoneId.of("UTC")).send(MASTER);
            assertEquals(List.of("HELO lb1.example.com", "MAIL FROM:<ka1@example.com>", "RCPT TO:<ops@example.com>",
                    "RCPT TO:<oncall@example.com>", "DATA", "QUIT"), server.commands);
            assertEquals("Date: Sat, 21 Nov 2026 04:13:45 +0000\r\n"
                    + "From: ka1@example.com\r\n"
                    + "Subject: [NODE1] VRRP Instance VI_1 - Entering MASTER state\r\n"
                    + "X-Mailer: Keepalived\r\n"
                    + "To: ops@example.com, oncall@example.com\r\n"
                    + "\r\n"
                    + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                    + "\r\n", server.data.get(0));
        }
    }

    @Test
    void dateUsesTheLocalZoneOffset() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            new SmtpMailer(settings(server.port()), ZoneId.of("Europe/Berlin")).send(MASTER);
            assertTrue(server.data.get(0).startsWith("Date: Sat, 21 Nov 2026 05:13:45 +0100\r\n"), server.data.get(0));
        }
    }

    @Test
    void greenMailReceivesExactHeaders() throws Exception {
        GreenMail mail = GreenMailServers.start(ServerSetupTest.SMTP.dynamicPort());
        try {
            new SmtpMailer(settings(mail.getSmtp().getPort()), ZoneId.of("UTC")).send(MASTER);
            MimeMessage[] received = mail.getReceivedMessages();
            assertEquals(2, received.length, "one copy per recipient");
            MimeMessage m = received[0];
            assertEquals("Sat, 21 Nov 2026 04:13:45 +0000", m.getHeader("Date", null));
            assertEquals("ka1@example.com", m.getHeader("From", null));
            assertEquals("[NODE1] VRRP Instance VI_1 - Entering MASTER state", m.getSubject());
            assertEquals("Keepalived", m.getHeader("X-Mailer", null));
            assertEquals("ops@example.com, oncall@example.com", m.getHeader("To", null));
            assertEquals(null, m.getHeader("Message-ID"), "nothing beyond keepalived's headers");
            assertEquals(null, m.getHeader("MIME-Version"));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            assertTrue(raw.toString(StandardCharsets.US_ASCII)
                    .contains("\r\nX-Mailer: Keepalived\r\nTo: ops@example.com, oncall@example.com\r\n\r\n"
                            + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"), raw.toString());
        } finally {
            mail.stop();
        }
    }

    @Test
    void smtpsWithAuth() throws Exception {
        GreenMail mail = GreenMailServers.start(ServerSetupTest.SMTPS.dynamicPort());
        mail.setUser("alerts@example.com", "alerts", "s3cret");
        try {
            EmailSettings tls = settings(mail.getSmtps().getPort())
                    .withSecurity(SmtpSecurity.SMTPS, "alerts", "s3cret", "*");
            new SmtpMailer(tls, ZoneId.of("UTC")).send(MASTER);
            assertEquals(2, mail.getReceivedMessages().length);
            assertEquals("[NODE1] VRRP Instance VI_1 - Entering MASTER state",
                    mail.getReceivedMessages()[0].getSubject());

            EmailSettings wrong = settings(mail.getSmtps().getPort())
                    .withSecurity(SmtpSecurity.SMTPS, "alerts", "wrong", "*");
            AlertDeliveryException e = assertThrows(AlertDeliveryException.class,
                    () -> new SmtpMailer(wrong, ZoneId.of("UTC")).send(MASTER));
            assertTrue(e.permanent(), "a refused login is not retried forever");
            assertFalse(e.getMessage().contains("wrong"), "the password never appears in the error");
        } finally {
            mail.stop();
        }
    }

    @Test
    void startTlsThenAuthOverTheEncryptedChannel() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false, true)) {
            EmailSettings starttls = settings(server.port())
                    .withSecurity(SmtpSecurity.STARTTLS, "alerts", "s3cret", "*");
            new SmtpMailer(starttls, ZoneId.of("UTC")).send(MASTER);
            assertEquals(List.of("EHLO lb1.example.com", "STARTTLS", "tls: EHLO lb1.example.com"),
                    server.commands.subList(0, 3));
            assertTrue(server.commands.get(3).startsWith("tls: AUTH PLAIN"), server.commands.toString());
            assertEquals(List.of("tls:alerts\0alerts\0s3cret"), server.credentials, "credentials only inside TLS");
            assertEquals(List.of("tls: MAIL FROM:<ka1@example.com>", "tls: RCPT TO:<ops@example.com>",
                    "tls: RCPT TO:<oncall@example.com>", "tls: DATA", "tls: QUIT"),
                    server.commands.subList(server.commands.size() - 5, server.commands.size()));
            assertTrue(server.data.get(0).contains("Subject: [NODE1] VRRP Instance VI_1 - Entering MASTER state\r\n"));
        }
    }

    @Test
    void opportunisticStartTlsUsesTlsWhenOfferedAndPlainSmtpOtherwise() throws Exception {
        try (ScriptedSmtpServer offers = new ScriptedSmtpServer(false, true)) {
            new SmtpMailer(settings(offers.port()).withSecurity(SmtpSecurity.STARTTLS_IF_OFFERED, null, null, "*"),
                    ZoneId.of("UTC")).send(MASTER);
            assertEquals(List.of("EHLO lb1.example.com", "STARTTLS", "tls: EHLO lb1.example.com",
                    "tls: MAIL FROM:<ka1@example.com>"), offers.commands.subList(0, 4));
        }
        try (ScriptedSmtpServer plain = new ScriptedSmtpServer(false)) {
            new SmtpMailer(settings(plain.port()).withSecurity(SmtpSecurity.STARTTLS_IF_OFFERED, null, null, "*"),
                    ZoneId.of("UTC")).send(MASTER);
            assertEquals(List.of("EHLO lb1.example.com", "MAIL FROM:<ka1@example.com>"),
                    plain.commands.subList(0, 2));
            assertEquals(1, plain.data.size(), "delivered in clear text, as the server offers nothing else");
        }
    }

    @Test
    void startTlsIsRequiredNotSilentlyDowngraded() throws Exception {
        GreenMail mail = GreenMailServers.start(ServerSetupTest.SMTP.dynamicPort()); // offers no STARTTLS
        try {
            EmailSettings starttls = settings(mail.getSmtp().getPort())
                    .withSecurity(SmtpSecurity.STARTTLS, null, null, "*");
            AlertDeliveryException e = assertThrows(AlertDeliveryException.class,
                    () -> new SmtpMailer(starttls, ZoneId.of("UTC")).send(MASTER));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
            assertEquals(0, mail.getReceivedMessages().length, "nothing sent in clear text");
        } finally {
            mail.stop();
        }
    }

    @Test
    void refusedRecipientsAreReportedInKeepalivedsWords() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            server.rcptReply = "550 5.1.1 no such user";
            AlertDeliveryException e = assertThrows(AlertDeliveryException.class,
                    () -> new SmtpMailer(settings(server.port()), ZoneId.of("UTC")).send(MASTER));
            assertEquals("Error processing RCPT cmd on SMTP server [127.0.0.1]:" + server.port()
                    + ". SMTP status code = 550", e.getMessage());
            assertTrue(e.permanent());
            server.rcptReply = "451 4.3.0 try later";
            AlertDeliveryException later = assertThrows(AlertDeliveryException.class,
                    () -> new SmtpMailer(settings(server.port()), ZoneId.of("UTC")).send(MASTER));
            assertTrue(later.getMessage().endsWith("SMTP status code = 451"), later.getMessage());
            assertFalse(later.permanent(), "4xx is retried");
        }
    }

    @Test
    void connectionRefusedIsTransientWithKeepalivedText() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AlertDeliveryException e = assertThrows(AlertDeliveryException.class,
                () -> new SmtpMailer(settings(port), ZoneId.of("UTC")).send(MASTER));
        assertFalse(e.permanent());
        assertEquals("SMTP connection ERROR to [127.0.0.1]:" + port + ".", e.getMessage());
    }

    @Test
    void settingsNeverShowThePassword() {
        EmailSettings s = settings(25).withSecurity(SmtpSecurity.SMTPS, "alerts", "hunter2", null);
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("password=****"));
    }

    @Test
    void keepalivedDefaults() {
        EmailSettings s = EmailSettings.keepalived("mail.example.com", List.of("ops@example.com"));
        assertEquals(25, s.smtpPort());
        assertEquals(Duration.ofSeconds(30), s.connectTimeout());
        assertTrue(s.from().startsWith(System.getProperty("user.name") + "@"));
        assertEquals(SmtpSecurity.NONE, s.security());
        assertTrue(s.enabled());
        assertFalse(EmailSettings.keepalived(null, List.of("a@b")).enabled(), "no smtp_server, no mail");
        assertFalse(EmailSettings.keepalived("h", List.of()).enabled(), "no notification_email, no mail");
    }
}
