package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void orderStatistics() {
        Summary s = Summary.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(4, s.n());
        assertEquals(1.0, s.min());
        assertEquals(2.5, s.median());
        assertEquals(4.0, s.max());
        assertEquals(2.5, s.mean());
        assertEquals(2.0, s.p50());
        assertEquals(4.0, s.p99());
    }

    @Test
    void p99OfAHundredSamplesIsTheNinetyNinthSmallest() {
        List<Double> v = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            v.add((double) i);
        }
        assertEquals(99.0, Summary.of(v).p99());
        assertEquals(3.0, Summary.of(List.of(1.0, 3.0, 2.0)).p99());
    }

    @Test
    void noSamples() {
        assertTrue(Summary.of(List.of()).empty());
        assertEquals("–", BenchReport.ms(Summary.of(List.of()).median()));
    }

    @Test
    void ratioNeedsAPositiveReference() {
        assertEquals("0.50", BenchReport.ratio(1.0, 2.0));
        assertEquals("n/a", BenchReport.ratio(1.0, -0.5));
        assertEquals("n/a", BenchReport.ratio(Double.NaN, 2.0));
    }
}
