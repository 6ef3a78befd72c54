package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.bench.AdvertCapture.Advert;
import dev.vigil.daemon.bench.BenchDaemon.Impl;
import dev.vigil.daemon.it.NetHost;
import dev.vigil.daemon.it.NetLab;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Advert-interval jitter of a MASTER (issue 6), Vigil next to keepalived 2.2.7 ({@code benchmarks/run.sh jitter}, as
 * root). A director d1 runs {@code bench.instances} MASTER instances (default 10, VRIDs 1..N on eth0,
 * {@code advert_int 1}); a client on the same bridge captures with tcpdump, and every figure comes from its
 * timestamps: |gap − 1 s| between consecutive adverts of each instance over {@code bench.seconds} (default 60) per
 * phase:
 * <ul>
 *   <li>idle;</li>
 *   <li>across reloads: SIGHUP every 5 s (same configuration), plus the worst gap spanning each reload;</li>
 *   <li>under checker load (Vigil only): a virtual server with {@code bench.checks} real servers (default 5,000)
 *       on loopback ports 20000.., TCP_CHECK, {@code delay_loop 1}, i.e. 5,000 checks/s, against one listener
 *       process in d1 ({@code tcp_listeners.py}); the daemon keeps its IPVS table in memory
 *       ({@code vigil.checkers.ipvs = none}) since this kernel has no IPVS. keepalived's checker cannot run without
 *       IPVS, so its load phases are reported as not run;</li>
 *   <li>under checker load and across reloads (Vigil only).</li>
 * </ul>
 * Writes the {@code jitter} section of {@code bench.report}. {@code bench.phases=TEXT} keeps only the phases whose
 * label contains TEXT (for diagnosing one, e.g. with {@code bench.jvmExtra=-Xlog:safepoint:file=/tmp/sp.log}).
 */
@Tag("bench")
class JitterBenchmark {
    private static final long INTERVAL = 1_000_000L;
    private static final int FIRST_PORT = 20000;
    private static final long RELOAD_EVERY_MS = 5_000;
    private static final double TICK_MS = 10;

    /** One measured condition. */
    record Phase(String label, Impl impl, boolean load, boolean reloads) {
        String condition() {
            return (load ? "checker load" : "idle") + (reloads ? ", reloads" : "");
        }
    }

    /** What one phase measured, pooled over runs. */
    static final class Measured {
        final List<Double> jitterMs = new ArrayList<>();
        final List<Double> spanningMs = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final List<Double> checksPerSecond = new ArrayList<>();
        int adverts;
        int missed;
        final List<String> failures = new ArrayList<>();
    }

    @Test
    @Timeout(value = 39, unit = TimeUnit.MINUTES)
    void jitter() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        int instances = Integer.getInteger("bench.instances", 10);
        int checks = Integer.getInteger("bench.checks", 5000);
        int runs = Integer.getInteger("bench.runs", 1);
        List<Phase> phases = new ArrayList<>();
        for (boolean reloads : new boolean[] {false, true}) {
            for (Impl impl : Impl.values()) {
                if (impl.available()) {
                    phases.add(new Phase(impl.label + ", idle" + (reloads ? ", reloads" : ""), impl, false, reloads));
                }
            }
        }
        phases.add(new Phase("Vigil, " + checks + " checks/s", Impl.VIGIL, true, false));
        phases.add(new Phase("Vigil, " + checks + " checks/s, reloads", Impl.VIGIL, true, true));
        String only = System.getProperty("bench.phases", "").trim(); // e.g. "checks/s": phases whose label has it
        if (!only.isEmpty()) {
            phases.removeIf(p -> !p.label().contains(only));
        }
        Map<Phase, Measured> results = new LinkedHashMap<>();
        phases.forEach(p -> results.put(p, new Measured()));
        Path listener = script();
        try (NetLab lab = NetLab.create("jt")) {
            NetHost d1 = lab.addHost("d1", "10.99.0.1/24");
            NetHost client = lab.addHost("c", "10.99.0.9/24");
            for (int run = 1; run <= runs; run++) {
                for (Phase phase : phases) {
                    Measured m = results.get(phase);
                    try {
                        measure(lab, d1, client, phase, instances, checks, seconds, listener, m);
                    } catch (Exception | AssertionError e) {
                        m.failures.add("run " + run + ": " + e.getMessage());
                        System.out.println("jitter benchmark: FAILED " + phase.label() + " run " + run + ": " + e);
                    }
                }
            }
        }
        String command = System.getProperty("bench.command", "benchmarks/run.sh jitter");
        String md = JitterReport.markdown(results, instances, checks, seconds, runs, command);
        System.out.println(md);
        String report = System.getProperty("bench.report");
        if (report != null && !report.isBlank()) {
            BenchReport.writeSection(Path.of(report), "jitter", md);
        }
        assertTrue(results.values().stream().anyMatch(m -> !m.jitterMs.isEmpty()), "no phase measured");
    }

    private static void measure(NetLab lab, NetHost d1, NetHost client, Phase phase, int instances, int checks,
                                int seconds, Path script, Measured m) throws Exception {
        Path dir = Files.createTempDirectory(lab.workDir(), "phase-");
        Process listener = null;
        Path listenerLog = dir.resolve("listeners.log");
        try {
            if (phase.load()) {
                listener = d1.start(listenerLog, "/usr/bin/python3", script.toString(), "--first-port",
                        Integer.toString(FIRST_PORT), "--count", Integer.toString(checks));
                awaitLine(listenerLog, "listening", listener);
            }
            String config = config(instances, phase.load() ? checks : 0);
            try (AdvertCapture cap = AdvertCapture.start(client.namespace(), dir);
                 BenchDaemon d = BenchDaemon.start(phase.impl(), d1.namespace(), dir, config,
                         "vigil.checkers.ipvs = none\n")) {
                cap.awaitInstances(instances, d.execMicros(), Duration.ofSeconds(60));
                Thread.sleep(phase.load() ? 5_000 : 2_000); // checks spread over delay_loop; JIT warm
                long acceptedBefore = accepted(listenerLog);
                long ticks0 = d.cpuTicks();
                long from = BenchTime.nowMicros();
                long end = from + seconds * 1_000_000L;
                List<Long> reloads = new ArrayList<>();
                long nextReload = from + RELOAD_EVERY_MS * 1000 / 2;
                while (BenchTime.nowMicros() < end) {
                    if (phase.reloads() && BenchTime.nowMicros() >= nextReload) {
                        reloads.add(BenchTime.nowMicros());
                        d.signal("HUP");
                        nextReload += RELOAD_EVERY_MS * 1000;
                    }
                    Thread.sleep(50);
                }
                long to = BenchTime.nowMicros();
                double cpu = (d.cpuTicks() - ticks0) * TICK_MS / ((to - from) / 1000.0) * 100;
                double rate = phase.load() ? (accepted(listenerLog) - acceptedBefore) / ((to - from) / 1e6) : 0;
                if (!d.isAlive()) {
                    throw new IOException(phase.impl().label + " exited: " + d.logTail(20));
                }
                Thread.sleep(1_500); // tcpdump reads the kernel's ring in blocks: let the last ones arrive
                List<Advert> adverts = cap.adverts();
                JitterAnalysis.Result r = JitterAnalysis.jitter(adverts, from, to, INTERVAL);
                List<Long> spanning = JitterAnalysis.spanningGaps(adverts, reloads, INTERVAL);
                d.stop();
                r.jitterMicros().forEach(j -> m.jitterMs.add(j / 1000.0));
                spanning.forEach(j -> m.spanningMs.add(j / 1000.0));
                m.adverts += r.adverts();
                m.missed += r.missed();
                m.cpu.add(cpu);
                if (phase.load()) {
                    m.checksPerSecond.add(rate);
                }
                Summary s = Summary.of(r.jitterMicros().stream().map(j -> j / 1000.0).toList());
                System.out.printf(Locale.ROOT, "jitter benchmark: %s: %d adverts, %d missed, p50 %.3f p99 %.3f "
                                + "max %.3f ms, CPU %.1f %%%s%s%n", phase.label(), r.adverts(), r.missed(), s.p50(),
                        s.p99(), s.max(), cpu, phase.load() ? String.format(Locale.ROOT, ", %.0f checks/s", rate) : "",
                        reloads.isEmpty() ? "" : ", gaps spanning reloads (µs) " + spanning);
            }
        } finally {
            if (listener != null) {
                listener.destroyForcibly();
                listener.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code instances} MASTER instances on eth0 (VRIDs 1..N), and with {@code realServers} > 0 a checked virtual server. */
    static String config(int instances, int realServers) {
        StringBuilder c = new StringBuilder("global_defs {\n  router_id JITTER\n}\n");
        for (int vrid = 1; vrid <= instances; vrid++) {
            c.append("vrrp_instance VI_").append(vrid).append(" {\n  state MASTER\n  interface eth0\n")
                    .append("  virtual_router_id ").append(vrid).append("\n  priority 100\n  advert_int 1\n")
                    .append("  authentication {\n    auth_type PASS\n    auth_pass bench\n  }\n")
                    .append("  virtual_ipaddress {\n    10.99.1.").append(vrid).append("/32\n  }\n}\n");
        }
        if (realServers > 0) {
            c.append("virtual_server 10.99.0.200 80 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n");
            for (int i = 0; i < realServers; i++) {
                c.append("  real_server 127.0.0.1 ").append(FIRST_PORT + i)
                        .append(" {\n    TCP_CHECK {\n      connect_timeout 1\n    }\n  }\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }

    private static long accepted(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        long last = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("accepted ")) {
                last = Long.parseLong(line.substring(9).trim());
            }
        }
        return last;
    }

    private static void awaitLine(Path log, String start, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(log) || Files.readAllLines(log).stream().noneMatch(l -> l.startsWith(start))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("listener did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(50);
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(JitterBenchmark.class.getResource("tcp_listeners.py").toURI());
    }
}
