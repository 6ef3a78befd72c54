package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.HttpProbe;
import dev.vigil.healthchecker.probe.TcpProbe;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.HttpGet;
import dev.vigil.healthchecker.spec.HttpProtocol;
import dev.vigil.healthchecker.spec.StatusRange;
import dev.vigil.healthchecker.spec.UrlSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpAndHttpProbeTest extends ProbeTestSupport {

    private static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592";

    private static HttpProbe http(int port, Duration timeout, HttpProtocol protocol, String vhost, UrlSpec... urls) {
        HttpGet spec = new HttpGet(CheckCommon.defaults(CheckerKind.HTTP_GET), List.of(urls), protocol, vhost);
        return new HttpProbe(new HttpFetcher(TRANSPORT, 1 << 20), spec, target(port, timeout), chk(port));
    }

    private static HttpProbe http(int port, UrlSpec... urls) {
        return http(port, Duration.ofSeconds(5), HttpProtocol.HTTP_1_0, null, urls);
    }

    @Test
    void tcpUpWhenListeningDownWhenRefused() throws Exception {
        try (TestTcpServer server = new TestTcpServer(s -> { })) {
            assertTrue(run(new TcpProbe(TRANSPORT, target(server.port()))).success());
            io.netty.channel.EventLoopGroup nio = Transport.nio().newGroup(1);
            try {
                assertTrue(new TcpProbe(Transport.nio(), target(server.port())).run(nio.next())
                        .get(30, java.util.concurrent.TimeUnit.SECONDS).success(), "NIO fallback works");
            } finally {
                nio.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }

        }
        CheckResult refused = run(new TcpProbe(TRANSPORT, target(TestTcpServer.closedPort())));
        assertFalse(refused.success());
        assertEquals("connection refused", refused.detail());
    }

    @Test
    void sendsKeepalivedsExactRequestBytes() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(200, "hello"))) {
            int port = server.port();
            assertTrue(run(http(port, UrlSpec.of("/health"))).success());
            assertTrue(run(http(port, Duration.ofSeconds(5), HttpProtocol.HTTP_1_1, "www.example.org",
                    UrlSpec.of("/"))).success());
            assertTrue(run(http(port, Duration.ofSeconds(5), HttpProtocol.HTTP_1_0C, null,
                    new UrlSpec("/u", null, List.of(), "url.example"))).success());
            List<String> got = server.requests.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
            assertEquals(List.of(
                    "GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + port + "\r\n\r\n",
                    "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.org\r\n\r\n",
                    "GET /u HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: url.example\r\n\r\n"),
                    got);
        }
    }

    @Test
    void statusCodeOutsideTheAcceptedRangesIsDown() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(503, "busy"))) {
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
            assertEquals("HTTP status code error to " + chk(server.port()) + " url(/), status_code [503].", r.detail());
            assertTrue(run(http(server.port(), new UrlSpec("/", null, List.of(new StatusRange(200, 200),
                    new StatusRange(500, 503)), null))).success());
        }
    }

    @Test
    void digestIsTheMd5OfTheBody() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(200, "hello"))) {
            assertTrue(run(http(server.port(), new UrlSpec("/", HELLO_MD5.toUpperCase(), List.of(), null))).success());
            CheckResult bad = run(http(server.port(), new UrlSpec("/", "00000000000000000000000000000000", List.of(),
                    null)));
            assertFalse(bad.success());
            assertEquals("MD5 digest error to " + chk(server.port()) + " url[/], MD5SUM [" + HELLO_MD5 + "].",
                    bad.detail());
        }
    }

    @Test
    void digestStopsAtContentLength() throws Exception {
        try (TestTcpServer server = TestTcpServer.http("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhelloTRAILING")) {
            assertTrue(run(http(server.port(), new UrlSpec("/", HELLO_MD5, List.of(), null))).success());
        }
    }

    @Test
    void everyUrlMustPass() throws Exception {
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            String req = new String(self[0].readRequest(s), StandardCharsets.ISO_8859_1);
            TestTcpServer.write(s, req.startsWith("GET /bad") ? TestTcpServer.response(404, "no")
                    : TestTcpServer.response(200, "ok"));
        })) {
            self[0] = server;
            assertTrue(run(http(server.port(), UrlSpec.of("/a"), UrlSpec.of("/b"))).success());
            CheckResult r = run(http(server.port(), UrlSpec.of("/a"), UrlSpec.of("/bad"), UrlSpec.of("/c")));
            assertFalse(r.success());
            assertTrue(r.detail().contains("url(/bad), status_code [404]"), r.detail());
            assertEquals(4, server.requests.size(), "stops at the first failing url");
        }
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            self[0].readRequest(s);
            s.getInputStream().read(); // hold the connection open
        })) {
            self[0] = server;
            CheckResult r = run(http(server.port(), Duration.ofMillis(300), HttpProtocol.HTTP_1_0, null,
                    UrlSpec.of("/")));
            assertFalse(r.success());
            assertEquals("Timeout WEB read to " + chk(server.port()) + " url(/).", r.detail());
        }
    }

    @Test
    void garbageWithoutHeaderEndIsNoData() throws Exception {
        try (TestTcpServer server = TestTcpServer.http("\u0000\u0001garbage garbage")) {
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
            assertEquals("Read, no data received from server " + chk(server.port()) + ".", r.detail());
        }
    }

    @Test
    void garbageHeaderHasStatusZero() throws Exception {
        try (TestTcpServer server = TestTcpServer.http("SSH-2.0-OpenSSH\r\n\r\n")) {
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
            assertTrue(r.detail().endsWith("status_code [0]."), r.detail());
        }
    }

    @Test
    void resetConnectionIsDown() throws Exception {
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            self[0].readRequest(s);
            s.setSoLinger(true, 0); // close sends RST
        })) {
            self[0] = server;
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
        }
    }

    @Test
    void floodingServerIsCutOff() throws Exception {
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            self[0].readRequest(s);
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                out.write(chunk);
            }
        })) {
            self[0] = server;
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
            assertTrue(r.detail().startsWith("HTTP body larger than 1048576 bytes"), r.detail());
        }
    }

    @Test
    void headerFloodIsCutOff() throws Exception {
        TestTcpServer[] self = new TestTcpServer[1];
        try (TestTcpServer server = new TestTcpServer(s -> {
            self[0].readRequest(s);
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'A');
            while (true) {
                out.write(chunk);
            }
        })) {
            self[0] = server;
            CheckResult r = run(http(server.port(), UrlSpec.of("/")));
            assertFalse(r.success());
            assertTrue(r.detail().startsWith("HTTP header too large"), r.detail());
        }
    }

    @Test
    void refusedConnectionIsDown() throws Exception {
        int port = TestTcpServer.closedPort();
        CheckResult r = run(http(port, UrlSpec.of("/")));
        assertFalse(r.success());
        assertEquals("connect: connection refused to " + chk(port) + " url(/).", r.detail());
    }

    @Test
    void bindtoAndBindPortSetTheSource() throws Exception {
        java.util.List<Integer> sourcePorts = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TestTcpServer server = new TestTcpServer(s -> sourcePorts.add(s.getPort()))) {
            int bindPort = TestTcpServer.closedPort();
            java.net.InetSocketAddress local = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    bindPort);
            dev.vigil.healthchecker.probe.ProbeTarget t = new dev.vigil.healthchecker.probe.ProbeTarget(
                    server.address(), local, Duration.ofSeconds(5));
            assertTrue(run(new TcpProbe(TRANSPORT, t)).success());
            org.awaitility.Awaitility.await().until(() -> !sourcePorts.isEmpty());
            assertEquals(bindPort, sourcePorts.get(0));
        }
    }

    @Test
    void ipv6HostHeaderIsBracketed() throws Exception {
        java.net.InetSocketAddress v6 = new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 8080);
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:8080\r\n\r\n",
                new String(dev.vigil.healthchecker.probe.HttpRequest.build("/", HttpProtocol.HTTP_1_0, null, v6),
                        StandardCharsets.ISO_8859_1));
        assertEquals("[::1]:udp:53", new Endpoint(java.net.InetAddress.getByName("::1"), 53,
                Endpoint.Protocol.UDP).toString());
        assertEquals("FWM 5", VirtualServerKey.fwmark(5).toString());
    }

    @Test
    void regexMustMatchOrMustNotMatch() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(200, "status: green\nload: 3"))) {
            java.util.regex.Pattern green = java.util.regex.Pattern.compile("status: (green|yellow)");
            assertTrue(run(http(server.port(), new UrlSpec("/", null, List.of(), null, green, false))).success());
            CheckResult noMatch = run(http(server.port(), new UrlSpec("/", null, List.of(), null, green, true)));
            assertFalse(noMatch.success());
            assertEquals("Regex match failed server " + chk(server.port()) + " url(/).", noMatch.detail());
            assertFalse(run(http(server.port(), new UrlSpec("/", null, List.of(), null,
                    java.util.regex.Pattern.compile("status: red"), false))).success());
        }
    }
}
