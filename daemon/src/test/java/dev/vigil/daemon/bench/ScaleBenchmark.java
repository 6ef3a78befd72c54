package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.bench.BenchDaemon.Impl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scale, memory and start-up, Vigil next to keepalived 2.2.7 on the same topology in the same run
 * ({@code benchmarks/run.sh scale} / {@code startup}, as root). For each number of instances (default 1, 100 and
 * 1,000 — four interfaces × VRIDs 1..250 at 1,000; see {@link ScaleLab}) and each implementation, {@code bench.runs}
 * times (default 3), alternating the implementations:
 * <ol>
 *   <li>tcpdump starts in the peer namespace, then the daemon is exec'd; start-up = first advert on the wire − exec,
 *       settled = the last instance's first advert − exec (every instance MASTER and advertising);</li>
 *   <li>steady state ({@code bench.steady} seconds, default 10, after 5 s of warm-up): CPU % of one core from
 *       /proc/PID/stat over the window (keepalived: all its processes) and VmRSS at its end;</li>
 *   <li>at the largest number of instances: SIGHUP, reload time = "Reload complete" in the log − SIGHUP, and every
 *       instance must advertise again afterwards;</li>
 *   <li>SIGTERM.</li>
 * </ol>
 * With {@code bench.steady=0} only start-up and reload are measured ({@code run.sh startup}). Sections written
 * into {@code bench.report}: {@code scale}, {@code memory} and {@code startup} (only {@code startup} without the
 * steady window).
 */
@Tag("bench")
class ScaleBenchmark {
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    private static final long WARM_UP_MS = 5_000;
    private static final double TICK_MS = 10; // USER_HZ = 100
    /** Both daemons start a non-owner instance as BACKUP, even with state MASTER: 3 × 1 s + skew for priority 100. */
    private static final double MASTER_DOWN_MS = 3609.375;

    /** Per figure (e.g. "startup@1000"), per implementation, the samples in ms, %, or MiB. */
    private final Map<String, Map<Impl, List<Double>>> samples = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    @Timeout(value = 39, unit = TimeUnit.MINUTES)
    void scale() throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        int steady = Integer.getInteger("bench.steady", 10);
        List<Integer> scales = Arrays.stream(System.getProperty("bench.scales", "1,100,1000").split(","))
                .map(String::trim).map(Integer::valueOf).sorted().toList();
        int largest = scales.get(scales.size() - 1);
        List<Impl> impls = Arrays.stream(Impl.values()).filter(Impl::available).toList();
        try (ScaleLab lab = ScaleLab.create("s")) {
            for (int n : scales) {
                for (int run = 1; run <= runs; run++) {
                    for (Impl impl : impls) {
                        try {
                            oneRun(lab, impl, n, run, steady, n == largest);
                        } catch (Exception | AssertionError e) {
                            String why = impl.label + " " + n + " instances, run " + run + ": " + e.getMessage();
                            failures.add(why);
                            System.out.println("scale benchmark: FAILED " + why);
                        }
                    }
                }
            }
        }
        String command = System.getProperty("bench.command", "benchmarks/run.sh scale");
        String head = BenchReport.provenance(command, runs + " runs per implementation and size, alternating");
        String failed = failures.isEmpty() ? "" : "\nFailed runs (not in the figures):\n\n- "
                + String.join("\n- ", failures) + "\n";
        Map<String, String> sections = new LinkedHashMap<>();
        if (steady > 0) {
            sections.put("scale", scaleSection(largest, steady, head) + failed);
            sections.put("memory", memorySection(scales, head));
        }
        sections.put("startup", startupSection(scales, largest, head) + (steady > 0 ? "" : failed));
        String report = System.getProperty("bench.report");
        for (Map.Entry<String, String> s : sections.entrySet()) {
            System.out.println(s.getValue());
            if (report != null && !report.isBlank()) {
                BenchReport.writeSection(Path.of(report), s.getKey(), s.getValue());
            }
        }
        assertTrue(samples.containsKey("startup@" + largest), "no run succeeded: " + failures);
    }

    private void oneRun(ScaleLab lab, Impl impl, int n, int run, int steady, boolean reload) throws Exception {
        Path dir = lab.dir.resolve(impl.name().toLowerCase(Locale.ROOT) + "-" + n + "-" + run);
        try (AdvertCapture cap = AdvertCapture.start(lab.peer, lab.dir);
             BenchDaemon d = BenchDaemon.start(impl, lab.node, dir, ScaleLab.config(n, 100), "")) {
            Map<String, Long> first;
            try {
                first = cap.awaitInstances(n, d.execMicros(), SETTLE_LIMIT);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; log tail:\n" + d.logTail(20), e);
            }
            double startupMs = (Collections.min(first.values()) - d.execMicros()) / 1000.0;
            double settledMs = (Collections.max(first.values()) - d.execMicros()) / 1000.0;
            add("startup@" + n, impl, startupMs);
            add("overhead@" + n, impl, startupMs - MASTER_DOWN_MS);
            add("settled@" + n, impl, settledMs);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "scale benchmark: %s, %d instances, run %d: first advert %.1f ms, all advertising %.1f ms",
                    impl.label, n, run, startupMs, settledMs));
            if (steady > 0) {
                Thread.sleep(WARM_UP_MS);
                long t0 = System.nanoTime();
                long ticks0 = d.cpuTicks();
                Thread.sleep(steady * 1000L);
                long ticks1 = d.cpuTicks();
                double wallMs = (System.nanoTime() - t0) / 1e6;
                double cpu = (ticks1 - ticks0) * TICK_MS / wallMs * 100;
                double rssMib = d.rssKib() / 1024.0;
                add("cpu@" + n, impl, cpu);
                add("rss@" + n, impl, rssMib);
                line.append(String.format(Locale.ROOT, ", CPU %.2f %%, RSS %.1f MiB", cpu, rssMib));
            }
            if (reload) {
                long offset = d.logOffset();
                long sent = BenchTime.nowMicros();
                d.signal("HUP");
                long done = d.awaitLog(BenchDaemon.RELOAD_COMPLETE, offset, Duration.ofSeconds(60));
                cap.awaitInstances(n, done, Duration.ofSeconds(30)); // every instance still advertises
                double reloadMs = (done - sent) / 1000.0;
                add("reload@" + n, impl, reloadMs);
                line.append(String.format(Locale.ROOT, ", reload %.1f ms", reloadMs));
            }
            d.stop();
            cap.close();
            System.out.println(line + ", tcpdump dropped " + cap.dropped());
        }
    }

    private void add(String figure, Impl impl, double value) {
        samples.computeIfAbsent(figure, f -> new EnumMap<>(Impl.class)).computeIfAbsent(impl, i -> new ArrayList<>())
                .add(value);
    }

    private List<Double> of(String figure, Impl impl) {
        return samples.getOrDefault(figure, Map.of()).getOrDefault(impl, List.of());
    }

    private ComparisonTable.Row row(String label, String figure) {
        return new ComparisonTable.Row(label, of(figure, Impl.VIGIL), of(figure, Impl.KEEPALIVED));
    }

    private String table(List<ComparisonTable.Row> rows) {
        ComparisonTable t = new ComparisonTable();
        rows.forEach(r -> t.add(r.figure(), r.vigil(), r.keepalived()));
        return t.markdown();
    }

    private String scaleSection(int n, int steady, String head) {
        return "## Scale: " + String.format(Locale.ROOT, "%,d", n) + " VRRP instances\n\n"
                + "One director namespace, four veth interfaces, instance i on eth(i mod 4) with VRID i / 4 + 1 "
                + "(VRIDs 1..250 on each at 1,000), all `state MASTER`, `advert_int 1`, PASS auth, one /32 VIP each; "
                + "adverts captured by tcpdump in the peer namespace. CPU: % of one core over a " + steady
                + " s steady-state window after 5 s of warm-up (utime + stime of every process of the daemon); RSS: "
                + "VmRSS summed over them. Settled: exec → every instance's first advert on the wire. Reload: SIGHUP "
                + "→ \"Reload complete\" in the log (same configuration; every instance must advertise afterwards). "
                + "Vigil runs with the launcher's JVM flags (`packaging/src/dist/bin/vigil`). Ratio = Vigil median / "
                + "keepalived median.\n\n" + head + "\n"
                + table(List.of(row("CPU, % of one core", "cpu@" + n), row("Resident memory, MiB", "rss@" + n),
                        row("Settled (all advertising), ms", "settled@" + n), row("Reload, ms", "reload@" + n)));
    }

    private String memorySection(List<Integer> scales, String head) {
        List<ComparisonTable.Row> rows = new ArrayList<>();
        for (int n : scales) {
            rows.add(row("VmRSS at " + String.format(Locale.ROOT, "%,d", n) + " instance(s), MiB", "rss@" + n));
        }
        for (int n : scales) {
            rows.add(row("CPU at " + String.format(Locale.ROOT, "%,d", n) + " instance(s), % of one core", "cpu@" + n));
        }
        return "## Memory and CPU by number of instances\n\nSteady state of the scale runs (see Scale). "
                + "keepalived's figure sums its parent and VRRP child.\n\n" + head + "\n" + table(rows);
    }

    private String startupSection(List<Integer> scales, int largest, String head) {
        List<ComparisonTable.Row> rows = new ArrayList<>();
        for (int n : scales) {
            String label = String.format(Locale.ROOT, "%,d", n);
            rows.add(row("Exec → first advert, " + label + " instance(s), ms", "startup@" + n));
            rows.add(row("Start-up work (first advert − exec − Master_Down_Interval), " + label + ", ms",
                    "overhead@" + n));
            rows.add(row("Exec → all " + label + " advertising, ms", "settled@" + n));
        }
        rows.add(row("Reload of " + String.format(Locale.ROOT, "%,d", largest) + " instances, ms", "reload@" + largest));
        return "## Start-up and reload\n\nThe scale topology (see Scale). Exec: the benchmark's clock just before it "
                + "forks `ip netns exec … daemon`; adverts: tcpdump timestamps in the peer namespace (same clock). "
                + "Both daemons start every instance in BACKUP (`state MASTER` below priority 255 included) and send "
                + "the first advert when Master_Down_Interval (3,609.375 ms at priority 100) expires, so the start-up "
                + "work is first advert − exec − 3,609.375 ms. Vigil's includes the JVM's start. Reload: SIGHUP → "
                + "\"Reload complete\" in the log.\n\n"
                + head + "\n" + table(rows);
    }
}
