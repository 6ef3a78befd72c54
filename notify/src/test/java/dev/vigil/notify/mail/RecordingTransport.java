package dev.vigil.notify.mail;

import java.util.ArrayList;
import java.util.List;

/** A transport that records deliveries and can be switched down (transient failure) or to refuse (permanent). */
final class RecordingTransport implements MailTransport {
    final List<AlertMessage> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean down;
    volatile boolean refuse;

    @Override
    public void send(AlertMessage alert) throws AlertDeliveryException {
        attempts.add(alert.subject());
        if (refuse) {
            throw new AlertDeliveryException("Error processing cmd on SMTP server [test]:25. SMTP status code = 550",
                    true, null);
        }
        if (down) {
            throw new AlertDeliveryException("SMTP connection ERROR to [test]:25.", false, null);
        }
        sent.add(alert);
    }

    @Override
    public String describe() {
        return "[test]:25";
    }
}
