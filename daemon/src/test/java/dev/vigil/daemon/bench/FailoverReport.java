package dev.vigil.daemon.bench;

import dev.vigil.daemon.bench.PairResult.Figure;
import java.util.List;

/** Renders failover results as Markdown tables (printed to the console and written into BENCHMARKS.md). */
final class FailoverReport {
    private FailoverReport() {
    }

    static String markdown(List<PairResult> results, int runs, String command) {
        PairResult reference = results.stream().filter(r -> r.pair.equals(PairKind.KEEPALIVED_PAIR)).findFirst()
                .orElse(null);
        StringBuilder md = new StringBuilder();
        md.append("## Failover\n\n")
                .append("Lab namespaces (a bridge, MASTER d1 priority 150, BACKUP d2 priority 100, a client), ")
                .append("`advert_int 1`, PASS auth, one VIP. Times in ms, from the client's tcpdump timestamps; ")
                .append("Master_Down_Interval = 3609.375 ms and Skew_Time = 609.375 ms for priority 100. ")
                .append("The ratio compares each pair's median (jitter: p50) with keepalived ↔ keepalived's.\n\n")
                .append(BenchReport.provenance(command, runs + " runs per pair")).append('\n');
        for (Figure f : Figure.values()) {
            md.append("### ").append(f.title).append("\n\n");
            if (f == Figure.JITTER) {
                md.append("| Pair | adverts | p50 | p99 | max | mean | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n");
            } else {
                md.append("| Pair | runs | min | median | max | ratio |\n|---|---:|---:|---:|---:|---:|\n");
            }
            for (PairResult r : results) {
                md.append("| ").append(r.pair.label()).append(" | ");
                if (r.skipped != null) {
                    md.append("not run: ").append(r.skipped).append(" |\n");
                    continue;
                }
                Summary s = r.summary(f);
                Summary ref = reference == null ? null : reference.summary(f);
                if (f == Figure.JITTER) {
                    md.append(s.n()).append(" | ").append(BenchReport.ms(s.p50())).append(" | ")
                            .append(BenchReport.ms(s.p99())).append(" | ").append(BenchReport.ms(s.max()))
                            .append(" | ").append(BenchReport.ms(s.mean())).append(" | ")
                            .append(ref == null ? "n/a" : BenchReport.ratio(s.p50(), ref.p50())).append(" |\n");
                } else {
                    md.append(s.n()).append(" | ").append(BenchReport.ms(s.min())).append(" | ")
                            .append(BenchReport.ms(s.median())).append(" | ").append(BenchReport.ms(s.max()))
                            .append(" | ").append(ref == null ? "n/a" : BenchReport.ratio(s.median(), ref.median()))
                            .append(" |\n");
                }
            }
            md.append('\n');
        }
        List<String> failures = results.stream().flatMap(r -> r.failures.stream().map(f -> r.pair.id() + " " + f))
                .toList();
        if (!failures.isEmpty()) {
            md.append("Failed runs (not in the figures):\n\n");
            failures.forEach(f -> md.append("- ").append(f.replace('\n', ' ')).append('\n'));
        }
        return md.toString();
    }
}
