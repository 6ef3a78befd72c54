package dev.vigil.notify.mail;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The single mail that replaces a flapping source's alerts: the latest subject, and every alert listed in order. */
final class AlertDigest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AlertDigest() {
    }

    static AlertMessage of(String source, List<AlertMessage> alerts, Duration window) {
        AlertMessage last = alerts.get(alerts.size() - 1);
        StringBuilder body = new StringBuilder()
                .append("=> ").append(source).append(" is flapping: ").append(alerts.size())
                .append(" alerts coalesced (storm window ").append(window.toSeconds()).append(" s) <=\n");
        for (AlertMessage alert : alerts) {
            body.append(TIME.format(alert.raisedAt())).append("  ").append(alert.subject())
                    .append("  ").append(alert.body()).append('\n');
        }
        return new AlertMessage(source, last.subject() + " (flapping: " + alerts.size() + " alerts)",
                body.toString().stripTrailing(), last.raisedAt());
    }
}
