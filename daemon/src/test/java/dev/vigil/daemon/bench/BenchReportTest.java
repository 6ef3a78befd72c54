package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFileThenReplacesOnlyItsOwnSection() throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        BenchReport.writeSection(file, "failover", "old figures");
        assertEquals("# Vigil benchmarks\n\n<!-- failover:begin -->\nold figures\n<!-- failover:end -->\n",
                Files.readString(file));
        Files.writeString(file, "# Title\nnotes before\n\n<!-- failover:begin -->\nold figures\n<!-- failover:end -->"
                + "\nnotes after\n");
        BenchReport.writeSection(file, "failover", "new figures\n");
        assertEquals("# Title\nnotes before\n\n<!-- failover:begin -->\nnew figures\n<!-- failover:end -->"
                + "\nnotes after\n", Files.readString(file));
    }

    @Test
    void ratiosTooSmallForTwoDecimalsSaySo() {
        assertEquals("0.25", BenchReport.ratio(1, 4));
        assertEquals("< 0.01", BenchReport.ratio(0.3, 999));
        assertEquals("n/a", BenchReport.ratio(1, 0));
    }
}
