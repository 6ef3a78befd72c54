package dev.vigil.vrrp.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsWriterTest {
    @Test
    void layoutMatchesKeepalived227StatsFile() {
        InstanceStats s = new InstanceStats();
        s.increment(Counter.ADVERT_RECEIVED);
        s.increment(Counter.ADVERT_RECEIVED);
        s.increment(Counter.ADVERT_SENT);
        s.increment(Counter.BECAME_MASTER);
        s.increment(Counter.TTL_ERROR);
        s.increment(Counter.AUTH_FAILURE);
        s.increment(Counter.PRIORITY_ZERO_SENT);
        Map<String, Map<Counter, Long>> m = new LinkedHashMap<>();
        m.put("VI_1", s.snapshot());
        m.put("VI_2", new InstanceStats().snapshot());
        String expected = """
                VRRP Instance: VI_1
                  Advertisements:
                    Received: 2
                    Sent: 1
                  Became master: 1
                  Released master: 0
                  Packet Errors:
                    Length: 0
                    TTL: 1
                    Invalid Type: 0
                    Advertisement Interval: 0
                    Address List: 0
                  Authentication Errors:
                    Invalid Type: 0
                    Type Mismatch: 0
                    Failure: 1
                  Priority Zero:
                    Received: 0
                    Sent: 1
                VRRP Instance: VI_2
                """;
        String out = StatsWriter.file(m);
        assertEquals(expected, out.substring(0, expected.length()));
        assertEquals(38, out.lines().count());
        s.clear();
        assertEquals(0, s.get(Counter.ADVERT_RECEIVED));
    }
}
