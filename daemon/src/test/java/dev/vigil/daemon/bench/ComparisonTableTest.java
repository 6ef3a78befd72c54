package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
    @Test
    void putsMinMedianMaxOfBothSideBySideWithTheRatioOfMedians() {
        String md = new ComparisonTable().add("CPU %", List.of(3.0, 1.0, 2.0), List.of(4.0, 8.0, 6.0)).markdown();
        assertTrue(md.contains("| CPU % | 3 / 3 | 1.00 | 2.00 | 3.00 | 4.00 | 6.00 | 8.00 | 0.33 |"), md);
    }

    @Test
    void aFigureNotMeasuredForOneSideHasNoRatio() {
        String md = new ComparisonTable().add("under load", List.of(1.0), List.of()).markdown();
        assertTrue(md.contains("| under load | 1 / 0 | 1.00 | 1.00 | 1.00 | – | – | – | n/a |"), md);
    }
}
