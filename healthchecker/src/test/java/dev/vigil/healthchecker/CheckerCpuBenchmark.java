package dev.vigil.healthchecker;

import dev.vigil.healthchecker.bench.LoopbackTargets;
import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ProcStatus;
import dev.vigil.linux.process.ScriptRunner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): the checker engine alone, in this JVM, against {@link LoopbackTargets} in the same JVM on
 * its own thread. Real servers are {@code 127.x.y.z:PORT}, 250 per /24 from 127.1.0.1.
 *
 * <p>Usage: {@code CheckerCpuBenchmark [TCP_CHECK|HTTP_GET] [realServers=5000] [delayLoopMs=1000] [seconds=20]
 * [port=18080]}. Prints checks/s, the checker event loop's CPU per check and load, and the process CPU per check
 * without the listener thread (the engine plus GC and JIT); last a {@code RESULT kind realServers checks checksPerSecond
 * cpuMicrosPerCheck percentOfOneCore rssKiB} line for scripts.
 */
public final class CheckerCpuBenchmark {
    private CheckerCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CheckerKind kind = CheckerKind.valueOf(args.length > 0 ? args[0] : "TCP_CHECK");
        int realServers = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        long delayLoopMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int port = args.length > 4 ? Integer.parseInt(args[4]) : 18080;

        LoopbackTargets targets = LoopbackTargets.start(port);
        Set<Long> targetThread = ConcurrentHashMap.newKeySet();
        targets.execute(() -> targetThread.add(Thread.currentThread().getId()));
        HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(Transport.best(), 1,
                new ScriptRunner(PosixUser.current(), false, Duration.ofSeconds(1)), new Random(1), "bench",
                HttpFetcher.DEFAULT_MAX_BODY, null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (HealthCheckerEngine engine = new HealthCheckerEngine(e -> { }, options)) {
            VirtualServerKey vs = VirtualServerKey.of(Endpoint.tcp(InetAddress.getByName("10.0.0.1"), 80));
            CheckCommon common = CheckCommon.builder(kind).delayLoop(Duration.ofMillis(delayLoopMs))
                    .warmup(Duration.ofMillis(delayLoopMs)).build();
            CheckerSpec check = kind == CheckerKind.HTTP_GET
                    ? new HttpGet(common, List.of(UrlSpec.of("/")), HttpProtocol.HTTP_1_0, null)
                    : new TcpCheck(common);
            for (int i = 0; i < realServers; i++) {
                InetAddress rs = InetAddress.getByAddress(new byte[]{127, (byte) (1 + i / 250 / 256),
                        (byte) (i / 250 % 256), (byte) (1 + i % 250)});
                engine.add(vs, Endpoint.tcp(rs, port), 1, List.of(check));
            }
            Set<Long> loops = ConcurrentHashMap.newKeySet();
            engine.group().forEach(loop -> loop.execute(() -> loops.add(Thread.currentThread().getId())));
            Thread.sleep(5000 + 2 * delayLoopMs); // warm-up spread, JIT
            long checks0 = engine.completedChecks();
            long accepted0 = targets.accepted();
            long loopCpu0 = cpu(threads, loops);
            long procCpu0 = os.getProcessCpuTime() - cpu(threads, targetThread);
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long checks = engine.completedChecks() - checks0;
            long accepted = targets.accepted() - accepted0;
            long loopCpu = cpu(threads, loops) - loopCpu0;
            long procCpu = os.getProcessCpuTime() - cpu(threads, targetThread) - procCpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("kind=%s real_servers=%d delay_loop=%dms transport=%s duration=%.1fs%n", kind,
                    realServers, delayLoopMs, options.transport().isEpoll() ? "epoll" : "nio", wall);
            System.out.printf("checks=%d (%.0f/s, nominal %.0f/s; listener accepted %d)%n", checks, checks / wall,
                    realServers * 1000.0 / delayLoopMs, accepted);
            System.out.printf("checker loop CPU per check: %.1f us; process CPU per check (without the listener): "
                    + "%.1f us; checker loop load: %.1f%% of one core; process: %.1f%% of one core%n",
                    loopCpu / 1e3 / checks, procCpu / 1e3 / checks, 100.0 * loopCpu / 1e9 / wall,
                    100.0 * procCpu / 1e9 / wall);
            System.out.printf("RESULT %s %d %d %.1f %.1f %.1f %d%n", kind, realServers, checks,
                    checks / wall, procCpu / 1e3 / Math.max(1, checks), 100.0 * procCpu / 1e9 / wall, rssKb());
        } finally {
            targets.close();
        }
    }

    /** VmRSS of this process in KiB (the listener's share included), 0 when /proc is not there. */
    private static long rssKb() {
        return ProcStatus.residentKib(ProcessHandle.current().pid()).orElse(0);
    }

    private static long cpu(ThreadMXBean threads, Set<Long> ids) {
        return ids.stream().mapToLong(threads::getThreadCpuTime).sum();
    }
}
