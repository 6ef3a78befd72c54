package dev.vigil.healthchecker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.healthchecker.spec.UrlSpec;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptRunner;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine level (what the daemon sees): every hostile target - accepts and never answers, answers garbage, resets,
 * floods bytes, a MISC_CHECK script that hangs and one that forks children and hangs - produces a DOWN event whose
 * detail names the failure, a healthy neighbour on the same loop stays UP throughout, and after a few hundred checks
 * and the engine's close no descriptor or process is left. ({@link CheckerLeakTest} counts leaks over thousands of
 * checks; the probe tests cover each failure's detail.)
 */
class HostileTargetsTest {
    static final InetAddress LO = InetAddress.getLoopbackAddress();
    static final VirtualServerKey VS = VirtualServerKey.of(Endpoint.tcp(LO, 80));

    @TempDir
    Path dir;

    @Test
    void everyHostileTargetIsMarkedDownAndNothingLeaks() throws Exception {
        Path hang = script("hang.sh", "#!/bin/sh\nexec sleep 300\n");
        Path forks = script("forks.sh", "#!/bin/sh\nsleep 300 &\n(trap '' TERM; sleep 300) &\nwait\n");
        List<TestTcpServer> servers = new ArrayList<>();
        TestTcpServer[] self = new TestTcpServer[3];
        Map<Endpoint, RealServerHealthChanged> last = new ConcurrentHashMap<>();
        long fdsBefore;
        try {
            TestTcpServer good = add(servers, TestTcpServer.http(TestTcpServer.response(200, "ok")));
            TestTcpServer silent = add(servers, new TestTcpServer(s -> s.getInputStream().read()));
            TestTcpServer garbage = add(servers, TestTcpServer.http("\u0000\u0001\u0002 junk\r\n\r\n"));
            self[0] = add(servers, new TestTcpServer(s -> {
                self[0].readRequest(s);
                s.setSoLinger(true, 0);   // RST
            }));
            self[1] = add(servers, new TestTcpServer(s -> {
                self[1].readRequest(s);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] chunk = new byte[16 * 1024];
                while (true) {
                    out.write(chunk);
                }
            }));
            fdsBefore = ProbeTestSupport.openFds();
            HealthCheckerEngine.Options options = new HealthCheckerEngine.Options(Transport.best(), 1,
                    new ScriptRunner(PosixUser.current(), false, Duration.ofMillis(100)), new Random(3), "test",
                    64 * 1024, null);
            Map<String, Endpoint> targets = Map.of("good", ep(good.port()), "silent", ep(silent.port()),
                    "garbage", ep(garbage.port()), "reset", ep(self[0].port()), "flood", ep(self[1].port()),
                    "hang", ep(1), "forks", ep(2));
            try (HealthCheckerEngine engine = new HealthCheckerEngine(e -> last.put(e.rs(), e), options)) {
                for (String name : List.of("good", "silent", "garbage", "reset", "flood")) {
                    Endpoint rs = targets.get(name);
                    assertTrue(engine.add(VS, rs, 1, List.of(new HttpGet(common(rs.port()),
                            List.of(UrlSpec.of("/")), HttpProtocol.HTTP_1_0, null))));
                }
                engine.add(VS, targets.get("hang"), 1, List.of(new MiscCheck(common(0), hang.toString(),
                        Duration.ofMillis(300), false, null, null)));
                engine.add(VS, targets.get("forks"), 1, List.of(new MiscCheck(common(0), forks.toString(),
                        Duration.ofMillis(300), false, null, null)));

                await().atMost(Duration.ofSeconds(60)).until(() -> engine.completedChecks() >= 300
                        && targets.entrySet().stream().filter(t -> !t.getKey().equals("good"))
                        .allMatch(t -> last.containsKey(t.getValue()) && !last.get(t.getValue()).up()));
                assertFalse(last.containsKey(targets.get("good")), "the healthy server never changed: " + last);
                Map<String, String> details = targets.entrySet().stream().filter(t -> !t.getKey().equals("good"))
                        .collect(Collectors.toMap(Map.Entry::getKey, t -> String.valueOf(last.get(t.getValue())
                                .detail())));
                assertTrue(details.get("hang").contains("timed out"), details.toString());
                assertTrue(details.get("forks").contains("timed out"), details.toString());
                engine.status().stream().filter(s -> !s.rs().equals(targets.get("good")))
                        .forEach(s -> assertFalse(s.alive(), s.toString()));
                assertEquals(7, engine.status().size());
            }
        } finally {
            for (TestTcpServer s : servers) {
                s.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> MiscProbeTest.alive(p.pid())));
        long before = fdsBefore;
        await().atMost(Duration.ofSeconds(30)).until(() -> ProbeTestSupport.openFds() <= before + 5);
    }

    private Path script(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static TestTcpServer add(List<TestTcpServer> servers, TestTcpServer s) {
        servers.add(s);
        return s;
    }

    private static Endpoint ep(int port) {
        return Endpoint.tcp(LO, port);
    }

    private static CheckCommon common(int port) {
        return CheckCommon.builder(CheckerKind.HTTP_GET).connectPort(port).retry(0)
                .delayLoop(Duration.ofMillis(20)).delayBeforeRetry(Duration.ofMillis(20)).warmup(Duration.ZERO)
                .connectTimeout(Duration.ofMillis(300)).build();
    }
}
