package dev.vigil.daemon.lvs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.conf.ConfigLoader;
import dev.vigil.conf.LoadOptions;
import dev.vigil.conf.LoadResult;
import dev.vigil.conf.Severity;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.healthchecker.HaSuspend.HostAddress;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.ipvs.FakeIpvsKernel;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.linux.process.ScriptResult;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.fifo.FifoSink;
import dev.vigil.notify.mail.AlertMessage;
import dev.vigil.notify.mail.AlertPolicy;
import dev.vigil.notify.mail.AlertQueue;
import dev.vigil.notify.mail.AlertQueueSettings;
import dev.vigil.notify.mail.EmailSettings;
import dev.vigil.notify.mail.ExecutorAlertScheduler;
import dev.vigil.notify.mail.SmtpMailer;
import dev.vigil.notify.mail.SmtpSecurity;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The checker side's life cycle against an in-memory IPVS kernel and recording notifiers: {@code omega} at
 * shutdown, what a reload takes away (real servers, virtual servers, group entries), {@code ha_suspend} driven by
 * address events, and the published {@link CheckerSnapshot}. Real servers without checkers stay alive, so nothing
 * here waits for a check.
 */
class CheckerLifecycleTest {
    static final String VS = "[10.9.0.1]:tcp:80";

    @TempDir
    Path dir;

    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private final List<String> scripts = new CopyOnWriteArrayList<>();
    private final List<String> fifo = new CopyOnWriteArrayList<>();
    private final List<AlertMessage> mails = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger vigilLogger = (Logger) LoggerFactory.getLogger("dev.vigil");
    private CheckerSubsystem subsystem;
    private FakeAddressWatch watch;

    /** Records every script (with " [stop]" when it gets keepalived's 1 s limit) and FIFO line; mails go to sink. */
    private NotifyDispatcher dispatcher(Consumer<AlertMessage> sink) {
        return new NotifyDispatcher((cmd, timeout) -> {
            scripts.add(String.join(" ", cmd.argv()) + (timeout != null ? " [stop]" : ""));
            return CompletableFuture.completedFuture(new ScriptResult(0, 0, false, Duration.ZERO, null));
        }, new FifoSink() {
            @Override
            public void writeVrrp(String line) {
            }

            @Override
            public void writeLvs(String line) {
                fifo.add(line.strip());
            }
        }, sink, AlertPolicy.defaults(), "lvs1", Clock.systemUTC());
    }

    private static final SyncDaemonKernel NO_SYNC = new SyncDaemonKernel() {
        @Override
        public void startDaemon(SyncDaemonConfig config) {
        }

        @Override
        public void stopDaemon(SyncDaemonConfig.State state) {
        }
    };

    @BeforeEach
    void captureLog() {
        log.start();
        vigilLogger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        if (subsystem != null) {
            subsystem.close();
        }
        vigilLogger.detachAppender(log);
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private KeepalivedConfig load(String text) throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        LoadResult r = ConfigLoader.load(file, LoadOptions.defaults());
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.severity() == Severity.FATAL), r.diagnostics().toString());
        return r.config();
    }

    /** One real server without checkers (always alive) with notify scripts named after its last octet. */
    private static String realServer(int n, String extra) {
        return """
                  real_server 192.0.2.%d 80 {
                    notify_up "/bin/up %d"
                    notify_down "/bin/down %d"
                    %s
                  }
                """.formatted(n, n, n, extra);
    }

    private static String virtualServer(String address, String extra, String reals) {
        return """
                virtual_server %s 80 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  quorum_up "/bin/quorum-up %s"
                  quorum_down "/bin/quorum-down %s"
                  %s
                %s
                }
                """.formatted(address, address, address, extra, reals);
    }

    private KeepalivedConfig config(String global, String... servers) throws IOException {
        return load("global_defs {\n  router_id lvs1\n  " + global + "\n}\n" + String.join("", servers));
    }

    private CheckerSubsystem start(KeepalivedConfig config, boolean dontRelease, Consumer<AlertMessage> sink)
            throws IOException {
        HealthCheckerEngine.Options d = HealthCheckerEngine.Options.defaults();
        HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(d.transport(), 1, d.scripts(),
                new Random(1), "test", d.maxHttpBody(), null);
        watch = new FakeAddressWatch();
        subsystem = CheckerSubsystem.start(config, kernel, NO_SYNC, dispatcher(sink), dontRelease, options,
                () -> watch);
        return subsystem;
    }

    private void clearRecords() {
        scripts.clear();
        fifo.clear();
        mails.clear();
        log.list.clear();
        kernel.ops.clear();
    }

    private void stop() {
        subsystem.close();
        subsystem = null;
    }

    private static String subjectAndBody(AlertMessage m) {
        return m.subject() + " / " + m.body();
    }

    // ---- omega ---------------------------------------------------------------------------------------------

    @Test
    void omegaRunsTheDownNotifiersAndMailsShuttingDownAtStop() throws Exception {
        start(config("", virtualServer("10.9.0.1", "omega\n  smtp_alert", realServer(1, "") + realServer(2, ""))),
                false, mails::add);
        clearRecords();
        stop();

        assertEquals(List.of("/bin/down 1 [stop]", "/bin/down 2 [stop]", "/bin/quorum-down 10.9.0.1 [stop]"),
                scripts, "notify_down per live real server, then quorum_down, each with keepalived's 1 s limit");
        assertEquals(List.of("RS [192.0.2.1]:tcp:80 " + VS + " DOWN", "RS [192.0.2.2]:tcp:80 " + VS + " DOWN",
                "VS " + VS + " DOWN"), fifo);
        assertEquals(List.of(
                "[lvs1] Realserver [192.0.2.1]:tcp:80 of virtual server " + VS + " - DOWN / => Shutting down <=",
                "[lvs1] Realserver [192.0.2.2]:tcp:80 of virtual server " + VS + " - DOWN / => Shutting down <=",
                "[lvs1] Virtualserver " + VS + " - DOWN / => Shutting down <="),
                mails.stream().map(CheckerLifecycleTest::subjectAndBody).toList());
        assertTrue(lines().contains("Shutting down service [192.0.2.1]:tcp:80 from VS " + VS), lines().toString());
        assertTrue(lines().contains("Shutting down service [192.0.2.2]:tcp:80 from VS " + VS), lines().toString());
        assertTrue(kernel.table.services().isEmpty());
    }

    @Test
    void withoutOmegaNothingIsSentButTheLinesAreLogged() throws Exception {
        start(config("", virtualServer("10.9.0.1", "smtp_alert", realServer(1, ""))), false, mails::add);
        clearRecords();
        stop();
        assertEquals(List.of(), scripts);
        assertEquals(List.of(), fifo);
        assertEquals(List.of(), mails);
        assertTrue(lines().contains("Shutting down service [192.0.2.1]:tcp:80 from VS " + VS), lines().toString());
    }

    @Test
    void dashILeavesTheTableAndSendsNothingEvenWithOmega() throws Exception {
        start(config("", virtualServer("10.9.0.1", "omega\n  smtp_alert", realServer(1, ""))), true, mails::add);
        clearRecords();
        stop();
        assertEquals(List.of(), scripts);
        assertEquals(List.of(), mails);
        assertTrue(lines().stream().noneMatch(l -> l.startsWith("Shutting down")), lines().toString());
        assertEquals(1, kernel.table.services().size());
    }

    @Test
    void lvsFlushOnStopRunsOnlyTheVirtualServersNotifiers() throws Exception {
        start(config("lvs_flush_on_stop", virtualServer("10.9.0.1", "omega", realServer(1, ""))), false,
                mails::add);
        clearRecords();
        stop();
        assertEquals(List.of("/bin/quorum-down 10.9.0.1 [stop]"), scripts);
        assertEquals(List.of("VS " + VS + " DOWN"), fifo);
        assertEquals(List.of(), mails, "the virtual server has no smtp_alert");
        assertEquals(List.of("FLUSH"), kernel.ops);
    }

    @Test
    void aServerOutOfTheTableGetsNoDownNotifierOnlyItsLine() throws Exception {
        int closed = closedLoopbackPort();
        String inhibitedDown = """
                  real_server 127.0.0.1 %d {
                    alpha
                    inhibit_on_failure
                    notify_down "/bin/down lo"
                    TCP_CHECK {
                      connect_timeout 1
                    }
                  }
                """.formatted(closed);
        start(config("", virtualServer("10.9.0.1", "omega", realServer(1, "") + inhibitedDown)), false, mails::add);
        clearRecords();
        stop();
        assertTrue(lines().contains("Shutting down (inhibited) service [127.0.0.1]:tcp:" + closed + " from VS " + VS),
                lines().toString());
        assertEquals(List.of("/bin/down 1 [stop]", "/bin/quorum-down 10.9.0.1 [stop]"), scripts,
                "the alpha server never came up: no notify_down for it");
    }

    @Test
    void omegaMailsAreDeliveredBeforeExitWithKeepalivedsSubjectAndBody() throws Exception {
        ServerSetup setup = ServerSetupTest.SMTP.dynamicPort().createCopy();
        setup.setServerStartupTimeout(30_000);
        GreenMail greenMail = new GreenMail(setup);
        greenMail.start();
        try (ExecutorAlertScheduler scheduler = new ExecutorAlertScheduler()) {
            EmailSettings email = new EmailSettings("127.0.0.1", greenMail.getSmtp().getPort(), Duration.ofSeconds(5),
                    "lvs1", "lvs1@example.com", List.of("ops@example.com"), "lvs1", SmtpSecurity.NONE, null, null,
                    null);
            AlertQueue queue = new AlertQueue(new SmtpMailer(email, ZoneId.of("UTC")), AlertQueueSettings.defaults(),
                    scheduler);
            start(config("", virtualServer("10.9.0.1", "omega\n  smtp_alert", realServer(1, ""))), false,
                    queue::submit);
            assertTrue(queue.drainBeforeExit(Duration.ofSeconds(10)), "the start-up mails went out");
            greenMail.purgeEmailFromAllMailboxes();
            stop();
            assertTrue(queue.drainBeforeExit(Duration.ofSeconds(10)), "the shutdown mails went out before exit");

            List<String> received = new ArrayList<>();
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                received.add(m.getSubject() + " / " + GreenMailUtil.getBody(m).strip());
            }
            assertEquals(List.of(
                    "[lvs1] Realserver [192.0.2.1]:tcp:80 of virtual server " + VS + " - DOWN / => Shutting down <=",
                    "[lvs1] Virtualserver " + VS + " - DOWN / => Shutting down <="), received);
        } finally {
            greenMail.stop();
        }
    }

    // ---- reload --------------------------------------------------------------------------------------------

    @Test
    void reloadRemovingARealServerNotifiesItsRemovalAndLeavesTheOthersAlone() throws Exception {
        start(config("", virtualServer("10.9.0.1", "", realServer(1, "") + realServer(2, ""))), false, mails::add);
        clearRecords();
        subsystem.reload(config("", virtualServer("10.9.0.1", "", realServer(1, ""))));

        List<String> lines = lines();
        int gone = lines.indexOf("service [192.0.2.2]:tcp:80 no longer exist");
        int removing = lines.indexOf("Removing service [192.0.2.2]:tcp:80 from VS " + VS);
        assertTrue(gone >= 0 && removing > gone, lines.toString());
        assertEquals(List.of("/bin/down 2"), scripts, "its notify_down, without the stop limit");
        assertEquals(List.of("RS [192.0.2.2]:tcp:80 " + VS + " DOWN"), fifo);
        assertEquals(List.of("[lvs1] Realserver [192.0.2.2]:tcp:80 of virtual server " + VS + " - DOWN / => Removing <="),
                mails.stream().map(CheckerLifecycleTest::subjectAndBody).toList());
        assertEquals(1, kernel.ops.size(), kernel.ops.toString());
        assertTrue(kernel.ops.get(0).startsWith("DEL_DEST") && kernel.ops.get(0).contains("192.0.2.2"), kernel.ops.toString());
        assertTrue(subsystem.snapshot().virtualServers().get(0).realServers().stream()
                .noneMatch(r -> r.endpoint().address().getHostAddress().equals("192.0.2.2")));
    }

    @Test
    void reloadRemovingAVirtualServerRemovesItsServersAndItsQuorum() throws Exception {
        String kept = virtualServer("10.9.0.1", "", realServer(1, ""));
        start(config("", kept, virtualServer("10.9.0.2", "smtp_alert", realServer(3, ""))), false, mails::add);
        clearRecords();
        subsystem.reload(config("", kept));

        List<String> lines = lines();
        assertTrue(lines.contains("Removing Virtual Server [10.9.0.2]:tcp:80"), lines.toString());
        assertTrue(lines.contains("Removing service [192.0.2.3]:tcp:80 from VS [10.9.0.2]:tcp:80"), lines.toString());
        assertEquals(List.of("/bin/down 3", "/bin/quorum-down 10.9.0.2"), scripts);
        assertEquals(List.of("RS [192.0.2.3]:tcp:80 [10.9.0.2]:tcp:80 DOWN", "VS [10.9.0.2]:tcp:80 DOWN"), fifo);
        assertEquals(List.of(
                "[lvs1] Realserver [192.0.2.3]:tcp:80 of virtual server [10.9.0.2]:tcp:80 - DOWN / => Removing <=",
                "[lvs1] Virtualserver [10.9.0.2]:tcp:80 - DOWN / => Lost quorum 1+0=1 <= 0 <="),
                mails.stream().map(CheckerLifecycleTest::subjectAndBody).toList());
        assertTrue(kernel.ops.stream().noneMatch(op -> op.contains("10.9.0.1")), kernel.ops.toString());
        assertEquals(List.of("10.9.0.1"), kernel.table.services().stream()
                .map(s -> s.key().address().getHostAddress()).toList());
        assertEquals(1, subsystem.snapshot().virtualServers().size());
    }

    @Test
    void reloadOfAGroupAddsAndRemovesExactlyTheChangedServices() throws Exception {
        String vs = """
                virtual_server group web {
                  lb_algo rr
                  protocol TCP
                %s
                }
                """.formatted(realServer(1, ""));
        start(load("virtual_server_group web {\n  10.9.1.1-3 80\n  10.9.2.1 80\n}\n" + vs), false, mails::add);
        assertEquals(List.of("10.9.1.1", "10.9.1.2", "10.9.1.3", "10.9.2.1"), serviceAddresses());
        clearRecords();

        subsystem.reload(load("virtual_server_group web {\n  10.9.1.2-4 80\n}\n" + vs));
        assertEquals(List.of("10.9.1.2", "10.9.1.3", "10.9.1.4"), serviceAddresses());
        assertTrue(kernel.ops.stream().noneMatch(op -> op.contains("10.9.1.2") || op.contains("10.9.1.3")),
                "untouched services keep running: " + kernel.ops);
        assertTrue(kernel.ops.stream().anyMatch(op -> op.startsWith("DEL_SERVICE") && op.contains("10.9.1.1")),
                kernel.ops.toString());
        assertTrue(kernel.ops.stream().anyMatch(op -> op.startsWith("DEL_SERVICE") && op.contains("10.9.2.1")),
                kernel.ops.toString());
        assertTrue(kernel.ops.stream().anyMatch(op -> op.startsWith("NEW_SERVICE") && op.contains("10.9.1.4")),
                kernel.ops.toString());
        assertTrue(lines().contains("VS [[10.9.1.1]:tcp:80-10.9.1.3] in group web no longer exists"),
                lines().toString());
        assertTrue(lines().contains("VS [[10.9.2.1]:tcp:80] in group web no longer exists"), lines().toString());
        assertEquals(List.of(), scripts, "the virtual server and its real server stay: no notifier runs");
        assertEquals(List.of(), mails);
        kernel.table.services().forEach(s -> assertEquals(1, s.dests().size(), s.toString()));
    }

    @Test
    void reloadChangingOnlyTheSchedulerEditsTheServiceAndKeepsItsServers() throws Exception {
        start(config("", virtualServer("10.9.0.1", "", realServer(1, "") + realServer(2, ""))), false, mails::add);
        clearRecords();
        subsystem.reload(config("", virtualServer("10.9.0.1", "", realServer(1, "") + realServer(2, ""))
                .replace("lb_algo rr", "lb_algo wlc")));
        assertEquals(1, kernel.ops.size(), kernel.ops.toString());
        assertTrue(kernel.ops.get(0).startsWith("SET_SERVICE"), kernel.ops.toString());
        assertEquals("wlc", kernel.table.services().get(0).service().scheduler());
        assertEquals(2, kernel.table.services().get(0).dests().size());
        assertEquals(List.of(), scripts);
        assertEquals(List.of(), fifo);
    }

    @Test
    void reloadChangingAWeightEditsOnlyThatServer() throws Exception {
        start(config("", virtualServer("10.9.0.1", "", realServer(1, "") + realServer(2, ""))), false, mails::add);
        clearRecords();
        subsystem.reload(config("", virtualServer("10.9.0.1", "", realServer(1, "") + realServer(2, "weight 5"))));
        assertEquals(1, kernel.ops.size(), kernel.ops.toString());
        assertTrue(kernel.ops.get(0).startsWith("SET_DEST") && kernel.ops.get(0).contains("192.0.2.2")
                && kernel.ops.get(0).endsWith("w=5"), kernel.ops.toString());
        assertEquals(5, subsystem.snapshot().virtualServers().get(0).realServers().get(1).weight());
    }

    @Test
    void haSuspendAddedByAReloadOpensTheAddressWatch() throws Exception {
        start(config("", virtualServer("10.9.0.1", "", realServer(1, ""))), false, mails::add);
        assertNull(watch.listener);
        subsystem.reload(config("", virtualServer("10.9.0.1", "ha_suspend", realServer(1, ""))));
        assertTrue(watch.listener != null, "the watch opened at reload");
        assertTrue(subsystem.snapshot().virtualServers().get(0).suspended());
        assertTrue(lines().contains("Suspending healthchecker for service [192.0.2.1]:tcp:80 for VS " + VS),
                lines().toString());
    }

    private List<String> serviceAddresses() {
        return kernel.table.services().stream().map(s -> s.key().address().getHostAddress()).sorted().toList();
    }

    // ---- ha_suspend ----------------------------------------------------------------------------------------

    @Test
    void haSuspendFollowsTheVirtualAddressAndReReadsAfterLostEvents() throws Exception {
        start(config("", virtualServer("10.9.0.1", "ha_suspend", realServer(1, ""))), false, mails::add);
        assertTrue(subsystem.snapshot().virtualServers().get(0).suspended(), "10.9.0.1 is not on the host");
        assertTrue(lines().contains("Deactivating healthchecker for service [192.0.2.1]:tcp:80 for VS " + VS),
                lines().toString());

        watch.listener.changed(new HostAddress(2, InetAddress.getByName("10.9.0.1")), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !subsystem.snapshot().virtualServers().get(0).suspended());
        assertTrue(lines().contains("Activating healthchecker for service [192.0.2.1]:tcp:80 for VS " + VS),
                lines().toString());

        watch.listener.changed(new HostAddress(2, InetAddress.getByName("10.9.0.1")), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> subsystem.snapshot().virtualServers().get(0).suspended());
        assertTrue(lines().contains("Suspending healthchecker for service [192.0.2.1]:tcp:80 for VS " + VS),
                lines().toString());

        watch.listener.all(List.of(new HostAddress(3, InetAddress.getByName("10.9.0.1"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> !subsystem.snapshot().virtualServers().get(0).suspended());

        watch.listener.all(List.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> subsystem.snapshot().virtualServers().get(0).suspended());
        subsystem.reload(config("", virtualServer("10.9.0.1", "", realServer(1, ""))));
        assertFalse(subsystem.snapshot().virtualServers().get(0).suspended(), "ha_suspend dropped at reload");
    }

    @Test
    void noAddressWatchWithoutHaSuspend() throws Exception {
        start(config("", virtualServer("10.9.0.1", "", realServer(1, ""))), false, mails::add);
        assertNull(watch.listener, "nothing needs the host's addresses");
        assertFalse(subsystem.snapshot().virtualServers().get(0).suspended());
    }

    // ---- snapshot ------------------------------------------------------------------------------------------

    @Test
    void theSnapshotShowsQuorumWeightsAndTheSorryServer() throws Exception {
        String reals = realServer(1, "weight 2") + realServer(2, "weight 4");
        start(config("", virtualServer("10.9.0.1", "quorum 4\n  hysteresis 1\n  sorry_server 192.0.2.9 80", reals)),
                false, mails::add);
        CheckerSnapshot.VirtualServer vs = subsystem.snapshot().virtualServers().get(0);
        assertEquals(VS, vs.name());
        assertEquals("TCP", vs.protocol());
        assertEquals("rr", vs.scheduler());
        assertEquals(4, vs.quorum());
        assertEquals(1, vs.hysteresis());
        assertTrue(vs.quorumUp(), "6 >= 4+1");
        assertEquals(6, vs.weightSum());
        assertFalse(vs.sorryServerActive());
        assertEquals(List.of(2, 4), vs.realServers().stream().map(CheckerSnapshot.RealServer::weight).toList());
        assertTrue(vs.realServers().stream().allMatch(r -> r.alive() && r.inTable()));

    }

    @Test
    void theSnapshotShowsTheSorryServerStandingIn() throws Exception {
        int closed = closedLoopbackPort();
        String neverUp = """
                  real_server 127.0.0.1 %d {
                    alpha
                    TCP_CHECK {
                      connect_timeout 1
                    }
                  }
                """.formatted(closed);
        start(config("", virtualServer("10.9.0.1", "quorum 2\n  sorry_server 192.0.2.9 80", realServer(1, "")
                + neverUp)), false, mails::add);
        CheckerSnapshot.VirtualServer vs = subsystem.snapshot().virtualServers().get(0);
        assertFalse(vs.quorumUp(), "1 < 2: started with quorum down");
        assertTrue(vs.sorryServerActive());
        assertEquals(1, vs.weightSum());
        CheckerSnapshot.RealServer alive = vs.realServers().get(0);
        assertTrue(alive.alive());
        assertFalse(alive.inTable(), "the sorry server stands in for it");
        CheckerSnapshot.RealServer down = vs.realServers().get(1);
        assertFalse(down.alive());
        assertFalse(down.inTable());
        assertEquals(List.of("192.0.2.9:80"), kernel.table.services().get(0).dests().stream()
                .map(d -> d.key().address().getHostAddress() + ":" + d.key().port()).toList());
    }

    private static int closedLoopbackPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Address events on demand. */
    static final class FakeAddressWatch implements HostAddressWatch {
        volatile Listener listener;

        @Override
        public void start(Listener l) {
            listener = l;
            l.all(List.of());
        }

        @Override
        public void close() {
        }
    }
}
