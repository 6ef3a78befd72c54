package dev.vigil.notify.mail;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one mail that replaces a flapping subject's held transitions. Its subject is the latest transition's subject
 * (so filters on keepalived's subjects still match, and it names the current state) with the number of changes; the
 * body lists every held transition in order, with its UTC time, subject and keepalived body, and ends with the
 * current state:
 *
 * <pre>
 * => instance VI_1 changed state 8 times in 42 s; these alerts were held and are sent together <=
 * 2026-11-21 04:13:57.000 UTC  [R] VRRP Instance VI_1 - Entering BACKUP state  => VRRP Instance is no ... <=
 * ...
 * Current state: [R] VRRP Instance VI_1 - Entering BACKUP state
 * </pre>
 */
final class AlertDigest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertDigest() {
    }

    /** @param alerts at least two, in the order they were raised */
    static AlertMessage of(String source, List<AlertMessage> alerts) {
        AlertMessage first = alerts.get(0);
        AlertMessage last = alerts.get(alerts.size() - 1);
        long seconds = Duration.between(first.raisedAt(), last.raisedAt()).toSeconds();
        StringBuilder body = new StringBuilder()
                .append("=> ").append(source).append(" changed state ").append(alerts.size()).append(" times in ")
                .append(seconds).append(" s; these alerts were held and are sent together <=\n");
        for (AlertMessage alert : alerts) {
            body.append(TIME.format(alert.raisedAt())).append("  ").append(alert.subject())
                    .append("  ").append(alert.body()).append('\n');
        }
        body.append("Current state: ").append(last.subject());
        return new AlertMessage(source, last.subject() + " (flapping: " + alerts.size() + " changes)",
                body.toString(), last.raisedAt());
    }
}
