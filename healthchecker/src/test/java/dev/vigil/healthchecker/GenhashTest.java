package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.HttpRequest;
import dev.vigil.healthchecker.spec.HttpProtocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class GenhashTest {

    private static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592";

    private static String[] run(Genhash.Request request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Genhash.run(request, new PrintStream(out, true), new PrintStream(err, true));
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static Genhash.Request request(int port, String vhost, HttpProtocol protocol) {
        return new Genhash.Request(InetAddress.getLoopbackAddress(), port, "/index.html", false, false, vhost, protocol,
                Duration.ofSeconds(5));
    }

    @Test
    void printsTheBodyDigestLikeGenhash() throws Exception {
        try (TestTcpServer server = TestTcpServer.http(TestTcpServer.response(200, "hello"))) {
            String[] r = run(request(server.port(), null, HttpProtocol.HTTP_1_0));
            assertEquals("0", r[0]);
            assertEquals(HELLO_MD5 + System.lineSeparator(), r[1]);
        }
    }

    @Test
    void reportsMissingDataAndRefusedConnections() throws Exception {
        try (TestTcpServer server = new TestTcpServer(s -> { })) {
            String[] r = run(request(server.port(), null, HttpProtocol.HTTP_1_0));
            assertEquals("1", r[0]);
            assertEquals("no data received from remote webserver" + System.lineSeparator(), r[2]);
        }
        int closed = TestTcpServer.closedPort();
        String[] refused = run(request(closed, null, HttpProtocol.HTTP_1_0));
        assertEquals("1", refused[0]);
        assertTrue(refused[2].startsWith("Connection trouble to: [127.0.0.1]:" + closed), refused[2]);
    }

    @Test
    void parsesGenhashsCommandLine() {
        Genhash.Request r = Genhash.parse("-s", "127.0.0.1", "-p", "8080", "-u", "/x", "-S", "-I", "-V", "www.x",
                "-P", "1.0c", "-t", "3");
        assertEquals(new Genhash.Request(InetAddress.getLoopbackAddress(), 8080, "/x", true, true, "www.x",
                HttpProtocol.HTTP_1_0C, Duration.ofSeconds(3)), r);
        assertEquals(HttpProtocol.HTTP_1_1, Genhash.parse("--server", "::1", "--port", "1", "--url", "/",
                "--protocol", "1.1").protocol());
        assertEquals("invalid port number '0'", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Genhash.parse("-s", "127.0.0.1", "-p", "0", "-u", "/"))
                .getMessage());
        assertEquals("server should be an IP, not example.org", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Genhash.parse("-s", "example.org", "-p", "80", "-u", "/"))
                .getMessage());
        assertEquals("Missing parameter for option -u", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Genhash.parse("-s", "127.0.0.1", "-p", "80", "-u"))
                .getMessage());
        assertTrue(Genhash.usage("genhash").startsWith("Usage: genhash COMMAND [OPTIONS]\n"));
    }

    /** Interop: keepalived's own genhash sends the same bytes and prints the same digest. */
    @Test
    @Tag("keepalived")
    void matchesKeepalivedsGenhash() throws Exception {
        Path genhash = Path.of("/usr/bin/genhash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(genhash), "keepalived's genhash not installed");
        try (TestTcpServer server = TestTcpServer.http("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA")) {
            for (HttpProtocol protocol : HttpProtocol.values()) {
                String flag = switch (protocol) {
                    case HTTP_1_0 -> "1.0";
                    case HTTP_1_0C -> "1.0C";
                    case HTTP_1_1 -> "1.1";
                };
                String theirs = null;
                // keepalived 2.2.7's genhash intermittently prints "Connection failed" on loopback: retry it
                for (int attempt = 0; attempt < 20 && theirs == null; attempt++) {
                    server.requests.clear();
                    Process p = new ProcessBuilder(genhash.toString(), "-s", "127.0.0.1", "-p",
                            Integer.toString(server.port()), "-u", "/index.html", "-V", "www.example.org", "-P", flag,
                            "-t", "5").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                    p.waitFor(30, TimeUnit.SECONDS);
                    if (out.matches("[0-9a-f]{32}")) {
                        theirs = out;
                    }
                }
                assertTrue(theirs != null, "genhash never succeeded");
                byte[] theirRequest = server.requests.get(0);
                assertArrayEquals(HttpRequest.build("/index.html", protocol, "www.example.org", server.address()),
                        theirRequest, new String(theirRequest, StandardCharsets.ISO_8859_1));
                String[] ours = run(request(server.port(), "www.example.org", protocol));
                assertEquals(theirs + System.lineSeparator(), ours[1]);
                assertEquals(HELLO_MD5, theirs, "digest stops at Content-Length in both");
            }
        }
    }
}
