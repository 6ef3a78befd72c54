package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptRunner;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): CPU time per TCP_CHECK against N loopback listeners.
 * Usage: {@code TcpCheckBenchmark [listeners=500] [delayLoopMs=100] [seconds=20] [nio]}. Prints checks/s and the
 * checker event-loop CPU and whole-process CPU per check (the latter includes the listeners' own accept work).
 */
public final class TcpCheckBenchmark {

    public static void main(String[] args) throws Exception {
        int listeners = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long delayLoopMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Transport transport = args.length > 3 && args[3].equals("nio") ? Transport.nio() : Transport.best();

        EventLoopGroup serverGroup = transport.newGroup(1);
        List<Channel> servers = new ArrayList<>();
        for (int i = 0; i < listeners; i++) {
            servers.add(new ServerBootstrap().group(serverGroup)
                    .channel(transport.isEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            // accept and let the client's close end it
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel());
        }
        HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(transport, 1,
                new ScriptRunner(PosixUser.current(), false, Duration.ofSeconds(1)), new Random(1), "bench",
                HttpFetcher.DEFAULT_MAX_BODY, null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (HealthCheckerEngine engine = new HealthCheckerEngine(e -> System.out.println("unexpected " + e), options)) {
            VirtualServerKey vs = VirtualServerKey.of(Endpoint.tcp(InetAddress.getLoopbackAddress(), 80));
            CheckCommon common = CheckCommon.builder(CheckerKind.TCP_CHECK).delayLoop(Duration.ofMillis(delayLoopMs))
                    .warmup(Duration.ofMillis(delayLoopMs)).build();
            for (Channel server : servers) {
                int port = ((InetSocketAddress) server.localAddress()).getPort();
                engine.add(vs, Endpoint.tcp(InetAddress.getLoopbackAddress(), port), 1, List.of(new TcpCheck(common)));
            }
            Set loopThreads = new Set();
            engine.group().forEach(loop -> loop.execute(() -> loopThreads.add(Thread.currentThread().getId())));
            Thread.sleep(2000 + delayLoopMs); // bootstrap delay and warmup spread
            long checks0 = engine.completedChecks();
            long loopCpu0 = loopThreads.cpu(threads);
            long procCpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long checks = engine.completedChecks() - checks0;
            long loopCpu = loopThreads.cpu(threads) - loopCpu0;
            long procCpu = os.getProcessCpuTime() - procCpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf("transport=%s listeners=%d delay_loop=%dms duration=%.1fs%n",
                    transport.isEpoll() ? "epoll" : "nio", listeners, delayLoopMs, wall);
            System.out.printf("checks=%d (%.0f/s, expected %.0f/s)%n", checks, checks / wall,
                    listeners * 1000.0 / delayLoopMs);
            System.out.printf("checker loop CPU per check: %.1f us; process CPU per check: %.1f us; "
                    + "checker loop CPU load: %.1f%%%n", loopCpu / 1e3 / checks, procCpu / 1e3 / checks,
                    100.0 * loopCpu / 1e9 / wall);
        } finally {
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Thread ids whose CPU time is summed. */
    private static final class Set {
        private final java.util.Set<Long> ids = ConcurrentHashMap.newKeySet();

        void add(long id) {
            ids.add(id);
        }

        long cpu(ThreadMXBean threads) {
            return ids.stream().mapToLong(threads::getThreadCpuTime).sum();
        }
    }
}
