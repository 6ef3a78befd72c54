package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The failover benchmark (run it with {@code benchmarks/run.sh failover [--runs N]} as root): for each pair kind —
 * keepalived ↔ keepalived, Vigil ↔ Vigil, and both mixed pairs — takeover beyond Master_Down_Interval, handover
 * beyond Skew_Time, client-visible outage and MASTER advert jitter, over N runs. Prints the tables and, with
 * {@code -Dbench.report=FILE}, writes them into FILE (BENCHMARKS.md).
 *
 * <p>System properties: {@code bench.runs} (default 20), {@code bench.pairs} (comma-separated ids such as
 * {@code keepalived-keepalived,vigil-vigil}, default all), {@code bench.hold} (seconds of steady mastership recorded
 * for jitter before each failure, default 3), {@code bench.command} (the command line shown in the report).
 */
@Tag("bench")
class FailoverBenchmark {
    @Test
    @Timeout(value = 39, unit = TimeUnit.MINUTES) // surefire's forked-process limit is 40 min
    void failover() throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        Duration hold = Duration.ofSeconds(Integer.getInteger("bench.hold", 3));
        List<String> wanted = Arrays.asList(System.getProperty("bench.pairs", "all").split(","));
        List<PairResult> results = new ArrayList<>();
        for (PairKind pair : PairKind.all()) {
            if (!wanted.contains("all") && !wanted.contains(pair.id())) {
                continue;
            }
            if (!pair.available()) {
                results.add(new PairResult(pair, "implementation not available on this machine"));
                continue;
            }
            System.out.println("failover benchmark: " + pair.label() + ", " + runs + " runs");
            results.add(new FailoverScenario(pair, hold).run(runs));
        }
        assumeTrue(results.stream().anyMatch(r -> r.skipped == null), "no pair kind could run");
        String command = System.getProperty("bench.command", "benchmarks/run.sh failover --runs " + runs);
        String md = FailoverReport.markdown(results, runs, command);
        System.out.println(md);
        String report = System.getProperty("bench.report");
        if (report != null && !report.isBlank()) {
            BenchReport.writeSection(Path.of(report), "failover", md);
        }
        for (PairResult r : results) {
            assertTrue(r.skipped != null || r.runs > 0, r.pair.label() + ": every run failed: " + r.failures);
        }
    }
}
