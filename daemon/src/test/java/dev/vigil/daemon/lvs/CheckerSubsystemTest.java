package dev.vigil.daemon.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.ipvs.FakeIpvsKernel;
import dev.vigil.ipvs.model.IpvsTable;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker side wired end to end against real TCP listeners on loopback and an in-memory IPVS kernel: checks
 * move real servers in and out of the table, quorum swaps the sorry server, notify scripts / FIFO lines / mails go
 * out, reload keeps states, stop removes Vigil's services (or leaves them with -I), the sync daemon follows VRRP.
 */
class CheckerSubsystemTest {
    @TempDir
    Path dir;

    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private final List<String> scripts = new CopyOnWriteArrayList<>();
    private final List<String> fifo = new CopyOnWriteArrayList<>();
    private final List<AlertMessage> mails = new CopyOnWriteArrayList<>();
    private final List<String> syncOps = new CopyOnWriteArrayList<>();
    private final NotifyDispatcher dispatcher = new NotifyDispatcher(
            (cmd, timeout) -> {
                scripts.add(String.join(" ", cmd.argv()));
                return CompletableFuture.completedFuture(new ScriptResult(0, 0, false, Duration.ZERO, null));
            },
            new FifoSink() {
                @Override
                public void writeVrrp(String line) {
                }

                @Override
                public void writeLvs(String line) {
                    fifo.add(line.strip());
                }
            }, mails::add, AlertPolicy.defaults(), "lvs1", Clock.systemUTC());
    private final SyncDaemonKernel syncKernel = new SyncDaemonKernel() {
        @Override
        public void startDaemon(SyncDaemonConfig config) {
            syncOps.add("start " + config.state());
        }

        @Override
        public void stopDaemon(SyncDaemonConfig.State state) {
            syncOps.add("stop " + state);
        }
    };
    private ServerSocket rs1;
    private ServerSocket rs2;
    private CheckerSubsystem subsystem;

    @AfterEach
    void tearDown() throws IOException {
        if (subsystem != null) {
            subsystem.close();
        }
        for (ServerSocket s : new ServerSocket[] {rs1, rs2}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    private KeepalivedConfig config(String extraGlobal, String realServers) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, """
                global_defs {
                  router_id lvs1
                  %s
                }
                virtual_server 10.9.0.1 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  quorum 2
                  quorum_up "/bin/quorum-up"
                  quorum_down "/bin/quorum-down"
                  sorry_server 127.0.0.9 80
                %s
                }
                """.formatted(extraGlobal, realServers));
        return load(file);
    }

    /** keepalived's warnings (reduced quorum, no VRRP on lo) are fine here; only a config that cannot run fails. */
    private static KeepalivedConfig load(Path file) {
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.severity() == Severity.FATAL), r.diagnostics().toString());
        return r.config();
    }

    private static List<String> sorted(String... dests) {
        return java.util.Arrays.stream(dests).sorted().toList();
    }

    private static String realServer(int port, String extra) {
        return """
                  real_server 127.0.0.1 %d {
                    weight 1
                    notify_up "/bin/up %d"
                    notify_down "/bin/down %d"
                    %s
                    TCP_CHECK {
                      connect_timeout 1
                      retry 0
                    }
                  }
                """.formatted(port, port, port, extra);
    }

    private CheckerSubsystem start(KeepalivedConfig config, boolean dontRelease) throws IOException {
        HealthCheckerEngine.Options d = HealthCheckerEngine.Options.defaults();
        HealthCheckerEngine.Options fast = new HealthCheckerEngine.Options(d.transport(), 1, d.scripts(),
                new Random(1), "test", d.maxHttpBody(), null);
        return CheckerSubsystem.start(config, kernel, syncKernel, dispatcher, dontRelease, fast);
    }

    /** "127.0.0.1:port w=N" for every destination of the one service, sorted. */
    private List<String> dests() {
        IpvsTable t = kernel.table;
        if (t.services().isEmpty()) {
            return List.of();
        }
        return t.services().get(0).dests().stream()
                .map(d -> d.key().address().getHostAddress() + ":" + d.key().port() + " w=" + d.weight())
                .sorted().collect(Collectors.toList());
    }

    @Test
    void checksMoveRealServersAndQuorumSwapsTheSorryServer() throws Exception {
        rs1 = listen(0);
        int p1 = rs1.getLocalPort();
        rs2 = listen(0);
        int p2 = rs2.getLocalPort();
        subsystem = start(config("", realServer(p1, "") + realServer(p2, "")), false);
        assertEquals(sorted("127.0.0.1:" + p1 + " w=1", "127.0.0.1:" + p2 + " w=1"), dests());

        rs2.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> dests().equals(List.of("127.0.0.9:80 w=1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> scripts.contains("/bin/down " + p2)
                && scripts.contains("/bin/quorum-down") && fifo.size() >= 2 && !mails.isEmpty());
        assertTrue(fifo.contains("RS [127.0.0.1]:tcp:" + p2 + " [10.9.0.1]:tcp:80 DOWN"), fifo.toString());
        assertTrue(fifo.contains("VS [10.9.0.1]:tcp:80 DOWN"), fifo.toString());
        assertTrue(mails.stream().anyMatch(m -> m.subject().contains("[127.0.0.1]:tcp:" + p2)
                && m.subject().endsWith("DOWN")), mails.toString());

        rs2 = listen(p2);
        await().atMost(Duration.ofSeconds(15)).until(() -> dests().equals(
                sorted("127.0.0.1:" + p1 + " w=1", "127.0.0.1:" + p2 + " w=1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> scripts.contains("/bin/up " + p2)
                && scripts.contains("/bin/quorum-up") && fifo.size() >= 4);
        assertTrue(fifo.contains("VS [10.9.0.1]:tcp:80 UP"), fifo.toString());
        assertEquals(2, subsystem.status().size());

        subsystem.close();
        subsystem = null;
        assertEquals(IpvsTable.EMPTY.services(), kernel.table.services(), "stop removes Vigil's service");
    }

    @Test
    void inhibitOnFailureKeepsTheServerAtWeightZero() throws Exception {
        rs1 = listen(0);
        int p1 = rs1.getLocalPort();
        rs2 = listen(0);
        int p2 = rs2.getLocalPort();
        subsystem = start(config("", realServer(p1, "") + realServer(p2, "inhibit_on_failure")), false);
        rs2.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> dests().contains("127.0.0.1:" + p2 + " w=0"));
    }

    @Test
    void startAdoptsTheRunningTableAndDashIKeepsItAtStop() throws Exception {
        rs1 = listen(0);
        int p1 = rs1.getLocalPort();
        rs2 = listen(0);
        int p2 = rs2.getLocalPort();
        KeepalivedConfig config = config("", realServer(p1, "") + realServer(p2, ""));
        subsystem = start(config, true);
        subsystem.close();
        subsystem = null;
        assertEquals(2, dests().size(), "-I leaves the table");

        kernel.ops.clear();
        subsystem = start(config, false);
        assertTrue(kernel.ops.stream().noneMatch(op -> op.startsWith("DEL")), kernel.ops.toString());
        assertEquals(2, dests().size());
    }

    @Test
    void lvsFlushOnStopFlushesTheWholeTable() throws Exception {
        rs1 = listen(0);
        subsystem = start(config("lvs_flush_on_stop", realServer(rs1.getLocalPort(), "")), false);
        kernel.ops.clear();
        subsystem.close();
        subsystem = null;
        assertEquals(List.of("FLUSH"), kernel.ops);
    }

    @Test
    void reloadKeepsStatesAndRemovesDroppedServers() throws Exception {
        rs1 = listen(0);
        int p1 = rs1.getLocalPort();
        rs2 = listen(0);
        int p2 = rs2.getLocalPort();
        subsystem = start(config("", realServer(p1, "") + realServer(p2, "")), false);
        kernel.ops.clear();
        subsystem.reload(config("", realServer(p1, "")));
        assertEquals(List.of("127.0.0.1:" + p1 + " w=1"), dests(), "the dropped real server left the table");
        assertTrue(kernel.ops.stream().noneMatch(op -> op.contains(":" + p1 + " ") && op.startsWith("DEL")),
                kernel.ops.toString());
        subsystem.reload(config("", realServer(p1, "") + realServer(p2, "")));
        assertEquals(sorted("127.0.0.1:" + p1 + " w=1", "127.0.0.1:" + p2 + " w=1"), dests());
    }

    @Test
    void syncDaemonStartsAsBackupAndFollowsItsVrrpInstance() throws Exception {
        rs1 = listen(0);
        int p1 = rs1.getLocalPort();
        Path file = dir.resolve("sync.conf");
        Files.writeString(file, """
                global_defs {
                  lvs_sync_daemon lo VI_1
                }
                vrrp_instance VI_1 {
                  interface lo
                  virtual_router_id 51
                  priority 100
                  virtual_ipaddress {
                    10.9.0.1
                  }
                }
                virtual_server 10.9.0.1 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                %s
                }
                """.formatted(realServer(p1, "")));
        subsystem = start(load(file), false);
        assertEquals("VI_1", subsystem.syncInstance());
        await().atMost(Duration.ofSeconds(5)).until(() -> syncOps.contains("start BACKUP"));
        subsystem.vrrpInstanceStateChanged("VI_2", true);
        subsystem.vrrpInstanceStateChanged("VI_1", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> syncOps.contains("start MASTER"));
        assertTrue(syncOps.indexOf("stop BACKUP") < syncOps.indexOf("start MASTER"), syncOps.toString());
        subsystem.close();
        subsystem = null;
        assertTrue(syncOps.contains("stop MASTER"), syncOps.toString());
    }
}
