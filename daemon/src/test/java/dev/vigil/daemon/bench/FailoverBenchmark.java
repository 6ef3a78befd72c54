package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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
 * beyond Skew_Time, client-visible outage and MASTER advert jitter, over N runs. Each pair's samples are saved in the
 * results directory; then the report of every pair found there is printed and, with {@code -Dbench.report=FILE},
 * written into FILE (BENCHMARKS.md). run.sh runs one Maven invocation per pair (surefire gives a forked JVM at most
 * 40 minutes), so the report grows pair by pair and a pair that fails loses nothing measured before it.
 *
 * <p>System properties: {@code bench.runs} (default 20), {@code bench.pairs} (comma-separated ids such as
 * {@code keepalived-keepalived,vigil-vigil}, default all), {@code bench.hold} (seconds of steady mastership recorded
 * for jitter before each failure, default 3), {@code bench.results} (directory of saved samples, default
 * target/failover-results), {@code bench.command} (the command line shown in the report).
 */
@Tag("bench")
class FailoverBenchmark {
    @Test
    @Timeout(value = 39, unit = TimeUnit.MINUTES) // surefire's forked-process limit is 40 min
    void failover() throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        Duration hold = Duration.ofSeconds(Integer.getInteger("bench.hold", 3));
        List<String> wanted = Arrays.asList(System.getProperty("bench.pairs", "all").split(","));
        Path resultsDir = Files.createDirectories(Path.of(System.getProperty("bench.results", "target/failover-results")));
        List<PairResult> measured = new ArrayList<>();
        for (PairKind pair : PairKind.all()) {
            if (!wanted.contains("all") && !wanted.contains(pair.id())) {
                continue;
            }
            PairResult r;
            if (pair.available()) {
                System.out.println("failover benchmark: " + pair.label() + ", " + runs + " runs");
                r = new FailoverScenario(pair, hold).run(runs);
            } else {
                r = new PairResult(pair, "implementation not available on this machine");
            }
            r.save(resultsDir.resolve(pair.id() + ".txt"));
            measured.add(r);
        }
        assumeTrue(measured.stream().anyMatch(r -> r.skipped == null), "no pair kind could run");

        List<PairResult> all = new ArrayList<>();
        for (PairKind pair : PairKind.all()) {
            Path saved = resultsDir.resolve(pair.id() + ".txt");
            if (Files.exists(saved)) {
                all.add(PairResult.load(pair, saved));
            }
        }
        String command = System.getProperty("bench.command", "benchmarks/run.sh failover --runs " + runs);
        String md = FailoverReport.markdown(all, runs, command);
        System.out.println(md);
        String report = System.getProperty("bench.report");
        if (report != null && !report.isBlank()) {
            BenchReport.writeSection(Path.of(report), "failover", md);
        }
        for (PairResult r : measured) {
            assertTrue(r.skipped != null || r.runs > 0, r.pair.label() + ": every run failed: " + r.failures);
        }
    }
}
