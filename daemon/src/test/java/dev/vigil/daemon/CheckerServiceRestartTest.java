package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.ipvs.FakeIpvsKernel;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker subsystem's supervision, against a real TCP real server on loopback and an in-memory IPVS kernel: its
 * IPVS thread dies, the supervisor restarts it, the dead generation's teardown never reaches the kernel (the live
 * real server stays in the table throughout), and the new generation checks on.
 */
class CheckerServiceRestartTest {
    @TempDir
    Path dir;

    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private final List<String> syncOps = new ArrayList<>();
    private final SyncDaemonKernel syncKernel = new SyncDaemonKernel() {
        @Override
        public void startDaemon(SyncDaemonConfig config) {
            syncOps.add("start");
        }

        @Override
        public void stopDaemon(SyncDaemonConfig.State state) {
            syncOps.add("stop");
        }
    };
    private final SupervisorTest.VirtualClock clock = new SupervisorTest.VirtualClock();
    private final List<Runnable> delayed = new ArrayList<>();
    private final SignalRouter router = new SignalRouter();
    private ServerSocket realServer;
    private Supervisor supervisor;
    private CheckerService service;

    @AfterEach
    void tearDown() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (realServer != null) {
            realServer.close();
        }
    }

    private List<String> dests() {
        IpvsTable t = kernel.table;
        return t.services().isEmpty() ? List.of() : t.services().get(0).dests().stream()
                .map(d -> d.key().address().getHostAddress() + ":" + d.key().port()).sorted()
                .collect(Collectors.toList());
    }

    @Test
    void aDeadIpvsThreadIsRestartedWithoutDroppingTheLiveRealServer() throws Exception {
        realServer = new ServerSocket();
        realServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = realServer.getLocalPort();
        Path file = Files.writeString(dir.resolve("keepalived.conf"), """
                virtual_server 10.9.0.1 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 127.0.0.1 %d {
                    TCP_CHECK {
                      connect_timeout 1
                      retry 0
                    }
                  }
                }
                """.formatted(port));
        LoadResult loaded = ConfigLoader.load(file, LoadOptions.defaults());
        CurrentConfig current = new CurrentConfig(loaded);
        DaemonOptions options = new Cli().parse("-f", file.toString());
        supervisor = new Supervisor(options, router, clock, new Supervisor.Scheduler() {
            @Override
            public void schedule(Runnable task, Duration delay) {
                delayed.add(task);
            }

            @Override
            public void close() {
            }
        });
        service = new CheckerService(options, current, new Notifications(current), supervisor, kernel, syncKernel,
                () -> { });
        assertTrue(service.running());
        assertEquals(List.of("127.0.0.1:" + port), dests());
        int opsBefore = kernel.ops.size();

        Thread ipvs = new Thread(() -> {
            throw new IllegalStateException("bug in the IPVS thread");
        }, "vigil-ipvs"); // what a task escaping CheckerSubsystem's executor looks like to the supervisor
        ipvs.start();
        ipvs.join();
        assertEquals(1, delayed.size(), "restart scheduled after keepalived's first delay");
        delayed.get(0).run();
        router.deliver(VigilSignal.TERM);
        router.runUntilStop(); // the restart, on the supervisor thread

        assertEquals(List.of("127.0.0.1:" + port), dests(), "the live real server was never dropped");
        List<String> since = kernel.ops.subList(opsBefore, kernel.ops.size());
        assertTrue(since.stream().noneMatch(op -> op.startsWith("DEL")), since.toString());
        assertEquals(1, service.status().size(), "the new generation checks the real server");

        realServer.close(); // the new generation's checks still act on the table
        await().atMost(Duration.ofSeconds(15)).until(() -> dests().isEmpty());
    }
}
