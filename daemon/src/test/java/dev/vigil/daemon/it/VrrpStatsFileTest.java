package dev.vigil.daemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VrrpStatsFileTest {
    static final String TEXT = """
            VRRP Instance: OTHER
              Advertisements:
                Received: 9
                Sent: 9
              Became master: 9
            VRRP Instance: VI_1
              Advertisements:
                Received: 12
                Sent: 3
              Became master: 1
              Released master: 0
              Packet Errors:
                Length: 5
                TTL: 2
              Authentication Errors:
                Invalid Type: 7
                Failure: 4
              Priority Zero:
                Received: 0
            """;

    @Test
    void readsOnlyTheNamedInstanceWithSectionQualifiedKeys() {
        Map<String, Long> c = VrrpStatsFile.parse(TEXT, "VI_1");
        assertEquals(12L, c.get("Advertisements/Received"));
        assertEquals(1L, c.get("Became master"));
        assertEquals(0L, c.get("Released master"));
        assertEquals(5L, c.get("Packet Errors/Length"));
        assertEquals(7L, c.get("Authentication Errors/Invalid Type"));
        assertEquals(4L, c.get("Authentication Errors/Failure"));
        assertEquals(0L, c.get("Priority Zero/Received"));
        assertEquals(9, c.size());
    }

    @Test
    void anAbsentInstanceHasNoCounters() {
        assertTrue(VrrpStatsFile.parse(TEXT, "VI_9").isEmpty());
    }
}
