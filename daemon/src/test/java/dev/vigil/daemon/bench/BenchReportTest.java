package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void provenanceNamesTheCommandItsRunsTheDateAndTheMachine() {
        String withRuns = BenchReport.provenance("benchmarks/run.sh x", "5 runs per pair");
        assertTrue(withRuns.startsWith("- Command: `benchmarks/run.sh x` (5 runs per pair)\n- Date: "), withRuns);
        assertTrue(withRuns.contains("\n- Machine: ") && withRuns.endsWith("\n"), withRuns);
        assertEquals(3, withRuns.lines().count(), withRuns);
        assertTrue(BenchReport.provenance("jmh", "").startsWith("- Command: `jmh`\n- Date: "));
    }

    @Test
    void ratiosTooSmallForTwoDecimalsSaySo() {
        assertEquals("0.25", BenchReport.ratio(1, 4));
        assertEquals("< 0.01", BenchReport.ratio(0.3, 999));
        assertEquals("n/a", BenchReport.ratio(1, 0));
    }
}
