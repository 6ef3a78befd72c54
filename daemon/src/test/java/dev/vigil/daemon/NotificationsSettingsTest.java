package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.conf.settings.SettingsLoader;
import dev.vigil.notify.mail.AlertQueueSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code vigil.email} reaches the alert queue. */
class NotificationsSettingsTest {
    @Test
    void referenceDefaultsAndOverridesReachTheQueue() {
        assertEquals(new AlertQueueSettings(1000, Duration.ofSeconds(5), Duration.ofMinutes(5), 3,
                Duration.ofSeconds(30), Duration.ofMinutes(2)),
                Notifications.queueSettings(SettingsLoader.parse("", "empty").email()));
        assertEquals(new AlertQueueSettings(50, Duration.ofSeconds(2), Duration.ofMinutes(1), 2,
                Duration.ofSeconds(10), Duration.ofMinutes(5)),
                Notifications.queueSettings(SettingsLoader.parse("""
                        vigil.email {
                          queue-capacity = 50
                          retry { initial = 2s, max = 1m }
                          flap-digest { threshold = 2, hold = 10s, max-hold = 5m }
                        }
                        """, "s.conf").email()));
    }
}
