package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.events.EventLog;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.runtime.VrrpListener;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class VrrpNotifierTest {
    @TempDir
    Path dir;

    final List<List<String>> launched = new ArrayList<>();
    final List<String> fifo = new ArrayList<>();
    final AtomicLong nanos = new AtomicLong();
    final ListAppender<ILoggingEvent> events = new ListAppender<>();
    VrrpNotifier notifier;

    @BeforeEach
    void setUp() throws Exception {
        Path conf = Files.writeString(dir.resolve("k.conf"), """
                global_defs {
                  enable_script_security
                  script_user root
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  notify_master "/usr/bin/touch /tmp/master"
                  notify "/usr/bin/logger"
                  virtual_ipaddress {
                    10.0.0.100
                  }
                }
                """);
        LoadResult r = ConfigLoader.load(conf, LoadOptions.defaults());
        assertTrue(!r.hasErrors(), r.diagnostics().toString());
        NotifyDispatcher.ScriptLauncher launcher = (ScriptCommand cmd, Duration timeout) -> {
            launched.add(cmd.argv());
            return CompletableFuture.completedFuture(new ScriptResult(0, 0, false, Duration.ZERO, null));
        };
        FifoSink sink = new FifoSink() {
            public void writeVrrp(String line) { fifo.add(line); }
            public void writeLvs(String line) { }
        };
        NotifyDispatcher d = new NotifyDispatcher(launcher, sink, null, AlertPolicy.defaults(), "R1",
                Clock.systemUTC());
        notifier = new VrrpNotifier(d, r.config(), nanos::get);
        events.start();
        ((Logger) LoggerFactory.getLogger(EventLog.LOGGER)).addAppender(events);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(EventLog.LOGGER)).detachAppender(events);
    }

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void masterRunsTheInstanceScriptsTheFifoAndTheEvent() throws Exception {
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                "advertisement timeout", 150, ip("10.0.0.1")));
        assertEquals(List.of(List.of("/usr/bin/touch", "/tmp/master"),
                List.of("/usr/bin/logger", "INSTANCE", "VI_1", "MASTER", "150")), launched);
        assertEquals(List.of("INSTANCE \"VI_1\" MASTER 150\n"), fifo);
        assertEquals(1, events.list.size());
        String line = events.list.get(0).getFormattedMessage();
        assertTrue(line.contains("vrrp.state_change") && line.contains("from=BACKUP") && line.contains("to=MASTER")
                && line.contains("master_ip=10.0.0.1"), line);
    }

    @Test
    void enteringAndLeavingMasterIsToldToTheSyncDaemonFollower() throws Exception {
        List<String> told = new ArrayList<>();
        notifier.followMaster((instance, master) -> told.add(instance + "=" + master));
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.INIT, VrrpState.BACKUP, "startup", 150,
                null));
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.BACKUP, VrrpState.MASTER,
                "advertisement timeout", 150, ip("10.0.0.1")));
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.MASTER, VrrpState.FAULT, "fault", 150,
                null));
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.FAULT, VrrpState.BACKUP, "fault_cleared",
                150, null));
        assertEquals(List.of("VI_1=true", "VI_1=false"), told);
    }

    @Test
    void initIsNotANotifiableStateButStopIs() throws Exception {
        notifier.stateChanged(new VrrpListener.StateChange("VI_1", VrrpState.MASTER, VrrpState.STOP, "shutdown",
                150, null));
        assertEquals(List.of("INSTANCE \"VI_1\" STOP 150\n"), fifo);
        assertEquals(List.of(List.of("/usr/bin/logger", "INSTANCE", "VI_1", "STOP", "150")), launched);
    }

    @Test
    void rejectedAdvertsAreReportedOncePerMinutePerSourceAndReason() throws Exception {
        for (int i = 0; i < 5; i++) {
            notifier.advertRejected("VI_1", 51, ip("10.0.0.2"), "AUTH_FAILURE", "(VI_1) received an invalid passwd!");
            nanos.addAndGet(1_000_000_000L);
        }
        notifier.advertRejected("VI_1", 51, ip("10.0.0.3"), "AUTH_FAILURE", "x");
        assertEquals(2, events.list.size(), "one per (source, reason) within a minute");
        nanos.addAndGet(VrrpNotifier.REJECT_INTERVAL_NANOS);
        notifier.advertRejected("VI_1", 51, ip("10.0.0.2"), "AUTH_FAILURE", "x");
        assertEquals(3, events.list.size(), "reported again after the interval");
        String line = events.list.get(0).getFormattedMessage();
        assertTrue(line.contains("src=10.0.0.2") && line.contains("vrid=51") && line.contains("reason=auth_failure"),
                line);
    }

    private VrrpNotifier notifierFor(String instances) throws Exception {
        Path conf = Files.writeString(dir.resolve("k2.conf"),
                "global_defs {\n  enable_script_security\n  script_user root\n}\n" + instances);
        LoadResult r = ConfigLoader.load(conf, LoadOptions.defaults());
        assertTrue(!r.hasErrors(), r.diagnostics().toString());
        NotifyDispatcher.ScriptLauncher launcher = (ScriptCommand cmd, Duration timeout) -> {
            launched.add(cmd.argv());
            return CompletableFuture.completedFuture(new ScriptResult(0, 0, false, Duration.ZERO, null));
        };
        FifoSink sink = new FifoSink() {
            public void writeVrrp(String line) { fifo.add(line); }
            public void writeLvs(String line) { }
        };
        VrrpNotifier n = new VrrpNotifier(new NotifyDispatcher(launcher, sink, null, AlertPolicy.defaults(), "R1",
                Clock.systemUTC()), r.config(), nanos::get);
        n.update(ConfigLoader.load(Files.writeString(dir.resolve("k3.conf"), ""), LoadOptions.defaults()).config());
        return n;
    }

    private static String instance(String name, int vrid, String extra) {
        return """
                vrrp_instance %s {
                  interface eth0
                  virtual_router_id %d
                  priority 150
                  notify "/usr/bin/logger"
                  notify_fault "/usr/bin/fault"
                  %s
                  virtual_ipaddress {
                    10.0.0.%d
                  }
                }
                """.formatted(name, vrid, extra, vrid);
    }

    @Test
    void aDeletedInstanceIsNotifiedAsFaultWithoutNotifyDeleted() throws Exception {
        VrrpNotifier n = notifierFor(instance("VI_2", 52, ""));
        List<Boolean> follower = new ArrayList<>();
        n.followMaster((i, master) -> follower.add(master));
        n.instanceDeleted("VI_2", VrrpState.MASTER, 150);
        assertEquals(List.of(List.of("/usr/bin/fault"), List.of("/usr/bin/logger", "INSTANCE", "VI_2", "FAULT", "150")),
                launched);
        assertEquals(List.of("INSTANCE \"VI_2\" FAULT 150\n"), fifo);
        assertEquals(List.of(false), follower, "the sync daemon leaves MASTER with it");
    }

    @Test
    void notifyDeletedSendsDeletedEvenFromFault() throws Exception {
        VrrpNotifier n = notifierFor(instance("VI_3", 53, "notify_deleted \"/usr/bin/deleted\""));
        n.instanceDeleted("VI_3", VrrpState.FAULT, 100);
        assertEquals(List.of(List.of("/usr/bin/deleted"),
                List.of("/usr/bin/logger", "INSTANCE", "VI_3", "DELETED", "100")), launched);
        assertEquals(List.of("INSTANCE \"VI_3\" DELETED 100\n"), fifo);
    }

    @Test
    void notifyDeletedWithoutAScriptOnlyChangesTheState() throws Exception {
        VrrpNotifier n = notifierFor(instance("VI_4", 54, "notify_deleted"));
        n.instanceDeleted("VI_4", VrrpState.BACKUP, 100);
        assertEquals(List.of(List.of("/usr/bin/logger", "INSTANCE", "VI_4", "DELETED", "100")), launched);
    }

    @Test
    void aDeletedInstanceAlreadyInFaultIsNotNotifiedAgain() throws Exception {
        VrrpNotifier n = notifierFor(instance("VI_5", 55, ""));
        n.instanceDeleted("VI_5", VrrpState.FAULT, 100);
        assertEquals(List.of(), launched);
        assertEquals(List.of(), fifo);
        assertTrue(events.list.stream().anyMatch(e -> e.getFormattedMessage().contains("vrrp.instance_deleted")
                && e.getFormattedMessage().contains("from=FAULT")), "the event log still records it");
    }
}
