package dev.vigil.healthchecker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptRunner;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckerEngineTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();
    static final VirtualServerKey VS = VirtualServerKey.of(Endpoint.tcp(InetAddress.getLoopbackAddress(), 80));

    final BlockingQueue<RealServerHealthChanged> events = new LinkedBlockingQueue<>();
    HealthCheckerEngine engine;

    @TempDir
    Path dir;

    static HealthCheckerEngine.Options options() {
        return new HealthCheckerEngine.Options(Transport.best(), 1,
                new ScriptRunner(PosixUser.current(), false, Duration.ofMillis(200)), new Random(1), "test",
                HttpFetcher.DEFAULT_MAX_BODY, null);
    }

    static CheckCommon fast(CheckerKind kind, boolean alpha) {
        return CheckCommon.builder(kind).delayLoop(Duration.ofMillis(100)).delayBeforeRetry(Duration.ofMillis(50))
                .warmup(Duration.ZERO).connectTimeout(Duration.ofSeconds(2)).retry(1).alpha(alpha).build();
    }

    RealServerHealthChanged next() throws InterruptedException {
        RealServerHealthChanged e = events.poll(30, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event");
        }
        return e;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void serverGoesDownAndUpWithItsHttpStatus() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            self[0].readRequest(s);
            TestTcpServer.write(s, TestTcpServer.response(status.get(), "ok"));
        })) {
            self[0] = server;
            engine = new HealthCheckerEngine(events::add, options());
            Endpoint rs = Endpoint.tcp(LO, server.port());
            List<CheckerSpec> checkers = List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false)),
                    new HttpGet(fast(CheckerKind.HTTP_GET, false), List.of(UrlSpec.of("/")), HttpProtocol.HTTP_1_0, null));
            assertTrue(engine.add(VS, rs, 3, checkers), "starts alive without alpha");
            await().until(() -> engine.completedChecks() >= 4);
            assertTrue(events.isEmpty(), "no event while healthy");

            status.set(503);
            RealServerHealthChanged down = next();
            assertFalse(down.up());
            assertEquals("HTTP_GET", down.checker());
            assertEquals("HTTP_CHECK on service [127.0.0.1]:tcp:" + server.port() + " failed after 1 retries.",
                    down.detail());
            assertEquals(VS, down.vs());
            assertEquals(rs, down.rs());
            assertFalse(engine.isAlive(VS, rs));

            status.set(200);
            RealServerHealthChanged up = next();
            assertTrue(up.up());
            assertEquals(3, up.weight());
            assertTrue(engine.isAlive(VS, rs));
        }
    }

    @Test
    void alphaServerStartsDownAndRefusedServerStaysDown() throws Exception {
        try (TestTcpServer server = new TestTcpServer(s -> { })) {
            engine = new HealthCheckerEngine(events::add, options());
            Endpoint good = Endpoint.tcp(LO, server.port());
            Endpoint dead = Endpoint.tcp(LO, TestTcpServer.closedPort());
            assertFalse(engine.add(VS, good, 1, List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, true)))));
            assertFalse(engine.add(VS, dead, 1, List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, true)))));
            RealServerHealthChanged up = next();
            assertEquals(good, up.rs());
            assertTrue(up.up());
            assertEquals("TCP connection to [127.0.0.1]:tcp:" + server.port() + " success.", up.detail());
            await().until(() -> engine.completedChecks() >= 10);
            assertTrue(events.isEmpty(), "the dead alpha server never produced an event");
            assertFalse(engine.isAlive(VS, dead));
        }
    }

    @Test
    void miscDynamicWeightAndRemoval() throws Exception {
        Path weightFile = dir.resolve("w");
        Files.writeString(weightFile, "7");
        Path s = dir.resolve("chk.sh");
        Files.writeString(s, "#!/bin/sh\nexit $(cat " + weightFile + ")\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        engine = new HealthCheckerEngine(events::add, options());
        Endpoint rs = Endpoint.tcp(LO, 9);
        engine.add(VS, rs, 1, List.of(new MiscCheck(fast(CheckerKind.MISC_CHECK, false), s.toString(), Duration.ofSeconds(5), true,
                null, null)));
        RealServerHealthChanged w = next();
        assertTrue(w.up());
        assertEquals(5, w.weight());
        assertEquals("MISC_CHECK", w.checker());
        Files.writeString(weightFile, "1");
        RealServerHealthChanged down = next();
        assertFalse(down.up());
        assertEquals("Misc check for [[127.0.0.1]:tcp:9 VS [127.0.0.1]:tcp:80] by [" + s
                + "] failed after 1 retry (exited with status 1).", down.detail());
        engine.remove(VS, rs);
        long done = engine.completedChecks();
        Files.writeString(weightFile, "0");
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(events::isEmpty);
        assertEquals(0, engine.completedChecks(), "removed servers are forgotten (was " + done + ")");
    }

    @Test
    void reloadWithUnchangedConfigKeepsState() throws Exception {
        int closed = TestTcpServer.closedPort();
        engine = new HealthCheckerEngine(events::add, options());
        Endpoint rs = Endpoint.tcp(LO, closed);
        List<CheckerSpec> checkers = List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false)),
                new dev.vigil.healthchecker.spec.UdpCheck(fast(CheckerKind.UDP_CHECK, false), new byte[] {1, 2}, false,
                        null, 0, 0));
        assertTrue(engine.add(VS, rs, 1, checkers));
        assertFalse(next().up());
        List<CheckerSpec> sameAgain = List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false)),
                new dev.vigil.healthchecker.spec.UdpCheck(fast(CheckerKind.UDP_CHECK, false), new byte[] {1, 2}, false,
                        null, 0, 0));
        assertFalse(engine.add(VS, rs, 1, sameAgain), "unchanged: keeps the down state");
        assertTrue(engine.add(VS, rs, 2, sameAgain), "changed weight: restarts alive");
        assertFalse(next().up(), "and fails again");
    }

    @Test
    void pingCheckBringsAnAlphaServerUp() throws Exception {
        engine = new HealthCheckerEngine(events::add, options());
        Endpoint rs = Endpoint.tcp(LO, 0);
        assertFalse(engine.add(VS, rs, 1, List.of(new dev.vigil.healthchecker.spec.PingCheck(
                fast(CheckerKind.PING_CHECK, true)))));
        RealServerHealthChanged up = next();
        assertTrue(up.up());
        assertEquals("ICMP connection to [127.0.0.1]:tcp:0 success.", up.detail());
    }

    @Test
    void missingMiscScriptIsDisabledLikeKeepalived() throws Exception {
        try (TestTcpServer server = new TestTcpServer(s -> { })) {
            engine = new HealthCheckerEngine(events::add, options());
            Endpoint rs = Endpoint.tcp(LO, server.port());
            // alpha TCP plus a MISC_CHECK whose script does not exist: the MISC_CHECK is dropped at load, so
            // the TCP_CHECK alone brings the server up
            assertFalse(engine.add(VS, rs, 1, List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, true)),
                    new MiscCheck(fast(CheckerKind.MISC_CHECK, false), dir + "/missing.sh", null, false, null,
                            null))));
            assertTrue(next().up());
        }
    }

    @Test
    void syncAddsKeepsAndRemoves() throws Exception {
        try (TestTcpServer server = new TestTcpServer(s -> { })) {
            engine = new HealthCheckerEngine(events::add, options());
            Endpoint a = Endpoint.tcp(LO, server.port());
            Endpoint b = Endpoint.tcp(LO, TestTcpServer.closedPort());
            List<CheckerSpec> tcp = List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false)));
            assertEquals(List.of(true, true), engine.sync(List.of(new ConfCheckers.Target(VS, a, 1, tcp),
                    new ConfCheckers.Target(VS, b, 1, tcp))));
            RealServerHealthChanged down = next();
            assertEquals(b, down.rs());
            assertEquals(List.of(false), engine.sync(List.of(new ConfCheckers.Target(VS, b, 1, tcp))),
                    "b keeps its down state");
            assertFalse(engine.isAlive(VS, a), "a is no longer checked");
            RealServerStatus st = engine.status().get(0);
            assertEquals(b, st.rs());
            assertFalse(st.alive());
            assertEquals("TCP_CHECK", st.checkers().get(0).checker());
            assertFalse(st.checkers().get(0).up());
            assertEquals("connection refused", st.checkers().get(0).lastDetail());
        }
    }

    @Test
    void logsKeepalivedsLines() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("dev.vigil.healthchecker");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            int closed = TestTcpServer.closedPort();
            engine = new HealthCheckerEngine(events::add, options());
            engine.add(VS, Endpoint.tcp(LO, closed), 1, List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false))));
            next();
            List<String> lines = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .toList();
            assertEquals("Activating healthchecker for service [127.0.0.1]:tcp:" + closed + " for VS [127.0.0.1]:tcp:80",
                    lines.get(0));
            assertTrue(lines.contains("TCP_CHECK on service [127.0.0.1]:tcp:" + closed + " failed after 1 retries."),
                    lines.toString());
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void haSuspendHoldsTheChecksOfAVirtualServerUntilActivated() throws Exception {
        VirtualServerKey suspendedVs = VirtualServerKey.of(Endpoint.tcp(LO, 81));
        int closed = TestTcpServer.closedPort();
        List<CheckerSpec> tcp = List.of(new TcpCheck(fast(CheckerKind.TCP_CHECK, false)));
        engine = new HealthCheckerEngine(events::add, options());
        engine.suspend(suspendedVs, true);
        assertTrue(engine.suspended(suspendedVs));
        engine.add(suspendedVs, Endpoint.tcp(LO, closed), 1, tcp);
        engine.add(VS, Endpoint.tcp(LO, closed), 1, tcp); // the control: same target, same timing, not suspended
        RealServerHealthChanged first = next();
        assertEquals(VS, first.vs(), "only the active virtual server's checker ran");
        long checks = engine.completedChecks();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.completedChecks() >= checks + 5);
        assertTrue(engine.isAlive(suspendedVs, Endpoint.tcp(LO, closed)), "suspended: its state is kept");
        assertTrue(events.isEmpty(), events.toString());

        engine.suspend(suspendedVs, false);
        RealServerHealthChanged resumed = next();
        assertEquals(suspendedVs, resumed.vs());
        assertFalse(resumed.up());
    }
}
