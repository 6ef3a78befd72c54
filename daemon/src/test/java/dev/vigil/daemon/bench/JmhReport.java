package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the {@code jmh} section of BENCHMARKS.md from JMH's CSV results ({@code -rf csv}, with {@code -prof gc}
 * for the allocation per operation): {@code benchmarks/run.sh jmh} runs the vrrp and ipvs-sync micro-benchmarks,
 * then this with {@code -Dbench.jmh=FILE,FILE} and {@code -Dbench.report=BENCHMARKS.md}.
 */
@Tag("bench")
class JmhReport {
    /** One benchmark's primary score and, when profiled, its allocation per operation. */
    record Row(String benchmark, String mode, int samples, double score, double error, String unit,
               double bytesPerOp) {
    }

    @Test
    void report() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String file : System.getProperty("bench.jmh", "").split(",")) {
            if (!file.isBlank()) {
                rows.addAll(parse(Files.readAllLines(Path.of(file.trim()))));
            }
        }
        assertFalse(rows.isEmpty(), "no JMH results in -Dbench.jmh");
        String md = markdown(rows, System.getProperty("bench.command", "benchmarks/run.sh jmh"));
        System.out.println(md);
        String report = System.getProperty("bench.report");
        if (report != null && !report.isBlank()) {
            BenchReport.writeSection(Path.of(report), "jmh", md);
        }
    }

    /** JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit" (+ params). */
    static List<Row> parse(List<String> csv) {
        Map<String, Row> primary = new LinkedHashMap<>();
        Map<String, Double> alloc = new LinkedHashMap<>();
        for (String line : csv.subList(Math.min(1, csv.size()), csv.size())) {
            String[] f = Arrays.stream(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                    .map(s -> s.replace("\"", "").trim()).toArray(String[]::new);
            if (f.length < 7) {
                continue;
            }
            String name = f[0];
            int secondary = name.indexOf(':');
            if (secondary >= 0) {
                if (name.endsWith("gc.alloc.rate.norm")) {
                    alloc.put(name.substring(0, secondary), number(f[4]));
                }
                continue;
            }
            primary.put(name, new Row(name, f[1], Integer.parseInt(f[3]), number(f[4]), number(f[5]), f[6], Double.NaN));
        }
        List<Row> out = new ArrayList<>();
        primary.forEach((name, r) -> out.add(new Row(r.benchmark(), r.mode(), r.samples(), r.score(), r.error(),
                r.unit(), alloc.getOrDefault(name, Double.NaN))));
        return out;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String markdown(List<Row> rows, String command) {
        StringBuilder md = new StringBuilder("## Micro-benchmarks (JMH)\n\n")
                .append("In-process cost of the per-advert work (vrrp: `CodecBenchmark`) and of the IPVS reconciler's ")
                .append("diff at 10,000 real servers (ipvs-sync: `IpvsReconcilerBenchmark`, 10 services × 1,000). ")
                .append("Average time per operation with JMH's 99.9 % error, and bytes allocated per operation ")
                .append("(`-prof gc`). keepalived has no counterpart to run in-process, so there is no ratio here; ")
                .append("its per-advert cost shows in the scale benchmark's CPU.\n\n")
                .append(BenchReport.provenance(command, "")).append('\n')
                .append("| Benchmark | samples | score | ± error | unit | B/op |\n|---|---:|---:|---:|---|---:|\n");
        for (Row r : rows) {
            String name = r.benchmark().replaceFirst("^dev\\.vigil\\.", "");
            md.append("| ").append(name).append(" | ").append(r.samples()).append(" | ").append(fmt(r.score()))
                    .append(" | ").append(fmt(r.error())).append(" | ").append(r.unit()).append(" | ")
                    .append(Double.isNaN(r.bytesPerOp()) ? "–" : String.format(Locale.ROOT, "%.0f", r.bytesPerOp()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 1 ? "%.2f" : "%.4f", v);
    }
}
