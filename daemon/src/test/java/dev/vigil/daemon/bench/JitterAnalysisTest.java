package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.daemon.bench.AdvertCapture.Advert;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterAnalysisTest {
    private static final long SECOND = 1_000_000L;

    private static Advert advert(long micros, int vrid) {
        return new Advert(micros, "eth0", "10.99.0.1", vrid, 100);
    }

    @Test
    void jitterIsTheDeviationOfEachInstancesGapsAndMissedAdvertsAreCountedApart() {
        List<Advert> adverts = List.of(advert(0, 1), advert(SECOND + 300, 1), advert(2 * SECOND + 100, 1),
                advert(4 * SECOND + 100, 1), // one advert missing: a 2 s gap
                advert(500_000, 2), advert(1_499_000, 2),
                new Advert(1_600_000, "eth0", "10.99.0.1", 2, 0), // priority 0: a stop, not a periodic advert
                advert(9 * SECOND, 3)); // outside the window
        JitterAnalysis.Result r = JitterAnalysis.jitter(adverts, 0, 5 * SECOND, SECOND);
        assertEquals(List.of(300L, 200L, 1_000L), r.jitterMicros());
        assertEquals(6, r.adverts());
        assertEquals(1, r.missed());
    }

    @Test
    void eachReloadGetsTheWorstGapSpanningIt() {
        List<Advert> adverts = List.of(advert(0, 1), advert(SECOND + 2_000, 1), advert(2 * SECOND + 2_000, 1),
                advert(300_000, 2), advert(1_300_500, 2));
        assertEquals(List.of(2_000L, 0L), JitterAnalysis.spanningGaps(adverts, List.of(800_000L, 1_500_000L), SECOND));
        assertEquals(List.of(), JitterAnalysis.spanningGaps(adverts, List.of(5 * SECOND), SECOND));
    }

    @Test
    void aLineThatIsNoAdvertIsSkippedAndAnAdvertLineIsDecoded() {
        assertNull(AdvertCapture.parse("1763700000.000001 eth0  Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request"));
        Advert a = AdvertCapture.parse("1763700000.123456 p0    M   IP 10.77.0.1 > 224.0.0.18: VRRPv2, "
                + "Advertisement, vrid 7, prio 100, authtype simple, intvl 1s, length 20");
        assertEquals(new Advert(1_763_700_000_123_456L, "p0", "10.77.0.1", 7, 100), a);
        assertEquals("p0/7", a.key());
    }
}
