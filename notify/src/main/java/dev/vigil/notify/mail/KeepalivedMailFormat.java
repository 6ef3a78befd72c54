package dev.vigil.notify.mail;

import dev.vigil.notify.log.CLocaleTime;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * The exact RFC 822 text keepalived 2.2.7 sends (include/smtp.h SMTP_HEADERS_CMD / SMTP_BODY_CMD): five headers,
 * a blank line, the body and an empty line before the terminating dot.
 */
final class KeepalivedMailFormat {
    private KeepalivedMailFormat() {
    }

    /** The Date is when the event was raised, so a mail delivered after retries still dates the event. */
    static byte[] render(AlertMessage alert, String from, Iterable<String> to, ZoneId zone) {
        String text = "Date: " + CLocaleTime.RFC822.format(alert.raisedAt().atZone(zone)) + "\r\n"
                + "From: " + from + "\r\n"
                + "Subject: " + alert.subject() + "\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "\r\n"
                + alert.body().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
