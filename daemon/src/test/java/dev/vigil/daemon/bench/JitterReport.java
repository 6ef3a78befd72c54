package dev.vigil.daemon.bench;

import dev.vigil.daemon.bench.BenchDaemon.Impl;
import dev.vigil.daemon.bench.JitterBenchmark.Measured;
import dev.vigil.daemon.bench.JitterBenchmark.Phase;
import java.util.Locale;
import java.util.Map;

/** Renders the jitter benchmark's phases as the {@code jitter} section of BENCHMARKS.md. */
final class JitterReport {
    /** Issue 6's targets for the p99: 1 ms idle, 2 ms under checker load and across reloads. */
    static double targetMs(Phase p) {
        return p.load() || p.reloads() ? 2.0 : 1.0;
    }

    private JitterReport() {
    }

    static String markdown(Map<Phase, Measured> results, int instances, int checks, int seconds, int runs,
                           String command) {
        StringBuilder md = new StringBuilder("## Advert-interval jitter\n\n")
                .append("A director with ").append(instances).append(" MASTER instances (`advert_int 1`, PASS auth) ")
                .append("and a client on one bridge; the client's tcpdump timestamps give |gap − 1 s| between ")
                .append("consecutive adverts of each instance over ").append(seconds).append(" s per phase and run. ")
                .append("Reloads: SIGHUP every 5 s (same configuration). Checker load: a virtual server with ")
                .append(String.format(Locale.ROOT, "%,d", checks)).append(" real servers on loopback, TCP_CHECK, ")
                .append("`delay_loop 1`, against one listener process in the director's namespace; Vigil keeps its ")
                .append("IPVS table in memory (`vigil.checkers.ipvs = none`, this kernel has no IPVS). keepalived's ")
                .append("checker cannot run without IPVS, so keepalived has no load phases here. Gaps over 1.5 s are ")
                .append("counted as missed, not as jitter. Ratio: p99 / keepalived's p99 in the same condition. ")
                .append("Times in ms; CPU in % of one core (the daemon's processes, over the window).\n\n")
                .append(BenchReport.provenance(command, runs + " run(s) per phase")).append('\n')
                .append("| Phase | adverts | missed | p50 | p99 | max | mean | CPU % | checks/s | p99 target | ratio |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Map.Entry<Phase, Measured> e : results.entrySet()) {
            Phase p = e.getKey();
            Measured m = e.getValue();
            Summary s = Summary.of(m.jitterMs);
            Summary cpu = Summary.of(m.cpu);
            Summary rate = Summary.of(m.checksPerSecond);
            Summary ref = results.entrySet().stream()
                    .filter(o -> o.getKey().impl() == Impl.KEEPALIVED && o.getKey().condition().equals(p.condition()))
                    .map(o -> Summary.of(o.getValue().jitterMs)).findFirst().orElse(null);
            String target = s.empty() ? "–" : (s.p99() <= targetMs(p) ? "≤ " : "**> ")
                    + BenchReport.ms(targetMs(p)) + (s.p99() <= targetMs(p) ? " met" : " missed**");
            md.append("| ").append(p.label()).append(" | ").append(m.adverts).append(" | ").append(m.missed)
                    .append(" | ").append(BenchReport.ms(s.p50())).append(" | ").append(BenchReport.ms(s.p99()))
                    .append(" | ").append(BenchReport.ms(s.max())).append(" | ").append(BenchReport.ms(s.mean()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", cpu.median()))
                    .append(" | ").append(rate.empty() ? "–" : String.format(Locale.ROOT, "%.0f", rate.median()))
                    .append(" | ").append(target)
                    .append(" | ").append(ref == null ? "n/a" : BenchReport.ratio(s.p99(), ref.p99())).append(" |\n");
        }
        md.append("\nWorst gap spanning each reload, |gap − 1 s| over all instances (ms):\n\n")
                .append("| Phase | reloads | min | median | max |\n|---|---:|---:|---:|---:|\n");
        results.forEach((p, m) -> {
            if (p.reloads()) {
                Summary s = Summary.of(m.spanningMs);
                md.append("| ").append(p.label()).append(" | ").append(s.n()).append(" | ")
                        .append(BenchReport.ms(s.min())).append(" | ").append(BenchReport.ms(s.median())).append(" | ")
                        .append(BenchReport.ms(s.max())).append(" |\n");
            }
        });
        String failures = results.entrySet().stream().flatMap(e -> e.getValue().failures.stream()
                .map(f -> "- " + e.getKey().label() + " " + f.replace('\n', ' '))).reduce("", (a, b) -> a + b + "\n");
        if (!failures.isEmpty()) {
            md.append("\nFailed runs (not in the figures):\n\n").append(failures);
        }
        return md.toString();
    }
}
