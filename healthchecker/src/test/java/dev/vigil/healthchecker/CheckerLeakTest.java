package dev.vigil.healthchecker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.TcpCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many checks against good and hostile targets (refused, silent, garbage, reset, flooding, hanging forking
 * scripts): every check completes and nothing leaks — descriptors return to the baseline and no process is left.
 */
class CheckerLeakTest {

    static final InetAddress LO = InetAddress.getLoopbackAddress();
    static final VirtualServerKey VS = VirtualServerKey.of(Endpoint.tcp(LO, 80));

    @TempDir
    Path dir;

    @Test
    void twoThousandChecksLeakNothing() throws Exception {
        runChecks(300); // warm up class loading and lazily opened JDK descriptors
        long baseline = ProbeTestSupport.openFds();
        runChecks(2000);
        assertNoLeak(baseline);
    }

    @Test
    @Tag("slow")
    void tenThousandChecksLeakNothing() throws Exception {
        runChecks(300);
        long baseline = ProbeTestSupport.openFds();
        runChecks(10_000);
        assertNoLeak(baseline);
    }

    private void assertNoLeak(long baseline) {
        await().atMost(Duration.ofSeconds(90)).until(() -> ProbeTestSupport.openFds() <= baseline + 5);
        await().atMost(Duration.ofSeconds(90)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> MiscProbeTest.alive(p.pid())));
    }

    private void runChecks(int count) throws Exception {
        Path hang = dir.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nsleep 300 &\n(trap '' TERM; sleep 300) &\nwait\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestTcpServer[] holder = new TestTcpServer[4];
        List<TestTcpServer> servers = new ArrayList<>();
        try {
            TestTcpServer good = track(servers, TestTcpServer.http(TestTcpServer.response(200, "ok")));
            TestTcpServer silent = track(servers, new TestTcpServer(s -> s.getInputStream().read()));
            TestTcpServer garbage = track(servers, TestTcpServer.http("\u0000\u0001\u0002 junk"));
            holder[0] = track(servers, new TestTcpServer(s -> {
                holder[0].readRequest(s);
                s.setSoLinger(true, 0);
            }));
            holder[1] = track(servers, new TestTcpServer(s -> {
                holder[1].readRequest(s);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[16 * 1024];
                while (true) {
                    out.write(chunk);
                }
            }));
            int closed = TestTcpServer.closedPort();

            HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(Transport.best(), 1,
                    new ScriptRunner(PosixUser.current(), false, Duration.ofMillis(100)), new Random(7), "test",
                    64 * 1024, null);
            try (HealthCheckerEngine engine = new HealthCheckerEngine(e -> { }, options)) {
                for (int i = 0; i < 10; i++) {
                    engine.add(VS, Endpoint.tcp(LO, 10_000 + i), 1, List.of(new TcpCheck(connect(good.port()))));
                }
                engine.add(VS, Endpoint.tcp(LO, closed), 1, List.of(new TcpCheck(connect(closed))));
                for (TestTcpServer bad : List.of(good, silent, garbage, holder[0], holder[1])) {
                    engine.add(VS, Endpoint.tcp(LO, bad.port()), 1, List.of(new HttpGet(connect(bad.port()),
                            List.of(UrlSpec.of("/")), HttpProtocol.HTTP_1_0, null)));
                }
                engine.add(VS, Endpoint.tcp(LO, 9), 1, List.of(new MiscCheck(connect(0), hang.toString(),
                        Duration.ofMillis(100), false, null, null)));
                await().atMost(Duration.ofMinutes(5)).until(() -> engine.completedChecks() >= count);
                assertTrue(engine.completedChecks() >= count);
            }
        } finally {
            for (TestTcpServer s : servers) {
                s.close();
            }
        }
    }

    private static TestTcpServer track(List<TestTcpServer> servers, TestTcpServer s) {
        servers.add(s);
        return s;
    }

    private static CheckCommon connect(int port) {
        return CheckCommon.builder(CheckerKind.TCP_CHECK).connectPort(port).retry(0)
                .delayLoop(Duration.ofMillis(5)).delayBeforeRetry(Duration.ofMillis(5)).warmup(Duration.ZERO)
                .connectTimeout(Duration.ofMillis(100)).build();
    }

}
