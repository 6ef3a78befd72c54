package dev.vigil.daemon.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.ipvs.FakeIpvsKernel;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.linux.NetNamespace;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.mail.AlertPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ha_suspend} against the kernel: the checker subsystem watches the addresses of a network namespace of its
 * own (rtnetlink, as on a director) while its TCP checks go to loopback listeners that count connections. Adding the
 * virtual address with {@code ip addr add} starts the checks; deleting it stops them. A second virtual server
 * without {@code ha_suspend} is the clock that shows how many checks would have run meanwhile.
 */
@Tag("netns")
class HaSuspendNetnsTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String VIP = "10.123.0.1";

    private final String ns = "vglc" + (ProcessHandle.current().pid() % 1000) + "n" + COUNTER.incrementAndGet();
    private NetNamespace entered;
    private CountingListener suspendedTarget;
    private CountingListener controlTarget;
    private CheckerSubsystem subsystem;

    @BeforeEach
    void setUp() throws Exception {
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "-n", ns, "link", "add", "vd0", "type", "veth", "peer", "name", "vd1");
        run("ip", "-n", ns, "link", "set", "vd0", "up");
        entered = NetNamespace.open(ns);
        suspendedTarget = new CountingListener();
        controlTarget = new CountingListener();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (subsystem != null) {
                subsystem.close();
            }
            for (CountingListener l : new CountingListener[] {suspendedTarget, controlTarget}) {
                if (l != null) {
                    l.close();
                }
            }
        } finally {
            if (entered != null) {
                entered.close();
            }
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void checksRunOnlyWhileTheVirtualAddressIsOnTheHost() throws Exception {
        subsystem = start(config());
        assertTrue(subsystem.snapshot().virtualServers().get(0).suspended());
        awaitControlChecks(3);
        assertEquals(0, suspendedTarget.accepted.get(), "no check while " + VIP + " is absent");

        run("ip", "-n", ns, "addr", "add", VIP + "/32", "dev", "vd0");
        await().atMost(Duration.ofSeconds(10)).until(() -> !subsystem.snapshot().virtualServers().get(0).suspended());
        await().atMost(Duration.ofSeconds(10)).until(() -> suspendedTarget.accepted.get() >= 2);

        run("ip", "-n", ns, "addr", "del", VIP + "/32", "dev", "vd0");
        await().atMost(Duration.ofSeconds(10)).until(() -> subsystem.snapshot().virtualServers().get(0).suspended());
        int atSuspension = suspendedTarget.accepted.get();
        awaitControlChecks(3);
        assertTrue(suspendedTarget.accepted.get() <= atSuspension + 1,
                "at most the check already under way: " + atSuspension + " -> " + suspendedTarget.accepted.get());
    }

    private void awaitControlChecks(int more) {
        int from = controlTarget.accepted.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> controlTarget.accepted.get() >= from + more);
    }

    private KeepalivedConfig config() {
        return ConfigLoader.load(Path.of("keepalived.conf"), """
                virtual_server %s 80 {
                  delay_loop 1
                  lb_algo rr
                  protocol TCP
                  ha_suspend
                  real_server 127.0.0.1 %d {
                    TCP_CHECK {
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                virtual_server 10.123.0.2 80 {
                  delay_loop 1
                  lb_algo rr
                  protocol TCP
                  real_server 127.0.0.1 %d {
                    TCP_CHECK {
                      connect_timeout 1
                      warmup 0
                    }
                  }
                }
                """.formatted(VIP, suspendedTarget.port(), controlTarget.port()), LoadOptions.defaults()).config();
    }

    private CheckerSubsystem start(KeepalivedConfig config) throws IOException {
        NotifyDispatcher dispatcher = new NotifyDispatcher(
                (cmd, timeout) -> CompletableFuture.completedFuture(
                        new ScriptResult(0, 0, false, Duration.ZERO, null)),
                new FifoSink() {
                    @Override
                    public void writeVrrp(String line) {
                    }

                    @Override
                    public void writeLvs(String line) {
                    }
                }, m -> { }, AlertPolicy.defaults(), "lvs1", Clock.systemUTC());
        SyncDaemonKernel noSync = new SyncDaemonKernel() {
            @Override
            public void startDaemon(SyncDaemonConfig c) {
            }

            @Override
            public void stopDaemon(SyncDaemonConfig.State s) {
            }
        };
        HealthCheckerEngine.Options d = HealthCheckerEngine.Options.defaults();
        HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(d.transport(), 1, d.scripts(),
                new Random(1), "test", d.maxHttpBody(), null);
        Supplier<HostAddressWatch> inNamespace = () -> new HostAddressWatch() {
            private final HostAddressWatch kernel = HostAddressWatch.kernel();

            @Override
            public void start(Listener listener) throws IOException {
                entered.call(() -> {
                    kernel.start(listener); // its sockets belong to the namespace they were opened in
                    return null;
                });
            }

            @Override
            public void close() {
                kernel.close();
            }
        };
        return CheckerSubsystem.start(config, new FakeIpvsKernel(), noSync, dispatcher, false, options, inNamespace);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** A loopback listener that counts the connections it accepted (each check is one). */
    private static final class CountingListener implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        CountingListener() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ha-suspend-target");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
