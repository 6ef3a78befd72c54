package dev.vigil.notify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import dev.vigil.notify.LogCapture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogTest {
    @Test
    void textDefaultsToNameAndFieldsAndSecretsAreMasked() {
        try (LogCapture log = new LogCapture(EventLog.LOGGER)) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("instance", "VI_1");
            f.put("auth_pass", "1111");
            EventLog.emit("config.reloaded", f);
            EventLog.emitWarning("notify.email_failed", Map.of("server", "[h]:25"), "SMTP connection ERROR to [h]:25.");
            assertEquals("config.reloaded instance=VI_1 auth_pass=****", log.messages().get(0));
            assertEquals("SMTP connection ERROR to [h]:25.", log.messages().get(1));
            assertEquals(Level.WARN, log.events().get(1).getLevel());
        }
    }

    @Test
    void badNamesFailUnderTest() {
        assertThrows(AssertionError.class, () -> EventLog.emit("StateChange", Map.of()));
        assertThrows(AssertionError.class, () -> EventLog.emit("vrrp", Map.of()));
    }
}
