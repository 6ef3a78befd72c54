package dev.vigil.healthchecker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.DnsMessages;
import dev.vigil.healthchecker.probe.DnsProbe;
import dev.vigil.healthchecker.probe.FileProbe;
import dev.vigil.healthchecker.probe.SmtpProbe;
import dev.vigil.healthchecker.probe.UdpProbe;
import dev.vigil.healthchecker.spec.CheckCommon;
import dev.vigil.healthchecker.spec.CheckerKind;
import dev.vigil.healthchecker.spec.FileCheck;
import dev.vigil.healthchecker.spec.UdpCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherProbesTest extends ProbeTestSupport {

    @TempDir
    Path dir;

    // ---- SMTP_CHECK ----

    private static TestTcpServer smtp(String banner, String heloReply, List<String> received) throws Exception {
        return new TestTcpServer(s -> {
            TestTcpServer.write(s, banner);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                if (line.startsWith("HELO")) {
                    TestTcpServer.write(s, heloReply);
                } else if (line.equals("QUIT")) {
                    TestTcpServer.write(s, "221 bye\r\n");
                    return;
                }
            }
        });
    }

    @Test
    void smtpBannerHeloQuit() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (TestTcpServer server = smtp("220-mx.test ESMTP\r\n220 ready\r\n", "250 mx.test\r\n", received)) {
            CheckResult r = run(new SmtpProbe(TRANSPORT, target(server.port()), "director.test"));
            assertTrue(r.success(), r.detail());
            org.awaitility.Awaitility.await().until(() -> received.size() == 2);
            assertEquals(List.of("HELO director.test", "QUIT"), received);
        }
    }

    @Test
    void smtpRejectingBannerOrHeloIsDown() throws Exception {
        try (TestTcpServer server = smtp("554 go away\r\n", "250 ok\r\n", new CopyOnWriteArrayList<>())) {
            CheckResult r = run(new SmtpProbe(TRANSPORT, target(server.port()), "d"));
            assertFalse(r.success());
            assertEquals("Bad server greeting: 554 go away", r.detail());
        }
        try (TestTcpServer server = smtp("220 hi\r\n", "501 no\r\n", new CopyOnWriteArrayList<>())) {
            assertEquals("Bad HELO response: 501 no", run(new SmtpProbe(TRANSPORT, target(server.port()), "d")).detail());
        }
    }

    @Test
    void smtpSilentServerTimesOutAndFloodIsCutOff() throws Exception {
        try (TestTcpServer silent = new TestTcpServer(s -> s.getInputStream().read())) {
            CheckResult r = run(new SmtpProbe(TRANSPORT, target(silent.port(), Duration.ofMillis(300)), "d"));
            assertEquals("Read timeout from server", r.detail());
        }
        try (TestTcpServer flood = new TestTcpServer(s -> {
            OutputStream out = s.getOutputStream();
            byte[] junk = new byte[4096];
            Arrays.fill(junk, (byte) 'x');
            while (true) {
                out.write(junk);
            }
        })) {
            CheckResult r = run(new SmtpProbe(TRANSPORT, target(flood.port()), "d"));
            assertEquals("Buffer overflow reading from server", r.detail());
        }
    }

    // ---- DNS_CHECK ----

    /** A tiny DNS responder: answers each query with the reply built by {@code reply}. */
    static final class DnsResponder implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final List<byte[]> queries = new CopyOnWriteArrayList<>();
        final Thread thread;

        DnsResponder(UnaryOperator<byte[]> reply) throws Exception {
            thread = new Thread(() -> {
                byte[] buf = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        byte[] q = Arrays.copyOf(p.getData(), p.getLength());
                        queries.add(q);
                        byte[] r = reply.apply(q);
                        if (r != null) {
                            socket.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static byte[] answer(byte[] query, int rcode) {
        byte[] r = query.clone();
        r[2] |= (byte) 0x80; // QR
        r[3] = (byte) ((r[3] & 0xf0) | rcode);
        return r;
    }

    @Test
    void dnsQueryBytesAndNoErrorReply() throws Exception {
        try (DnsResponder dns = new DnsResponder(q -> answer(q, 0))) {
            CheckResult r = run(new DnsProbe(TRANSPORT, target(dns.port()), "A", "www.example.org"));
            assertTrue(r.success(), r.detail());
            byte[] q = dns.queries.get(0);
            byte[] expected = DnsMessages.query(((q[0] & 0xff) << 8) | (q[1] & 0xff), "www.example.org", 1);
            assertTrue(Arrays.equals(expected, q));
            assertEquals(0x01, q[2], "RD set");
            byte[] qname = {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'o', 'r', 'g', 0, 0, 1, 0, 1};
            assertTrue(Arrays.equals(qname, Arrays.copyOfRange(q, 12, q.length)));
        }
    }

    @Test
    void dnsRootSoaQueryIsTheDefault() {
        byte[] q = DnsMessages.query(0x1234, ".", DnsMessages.typeCode("SOA"));
        assertTrue(Arrays.equals(new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1}, q));
    }

    @Test
    void dnsErrorRcodeWrongIdAndSilenceAreDown() throws Exception {
        try (DnsResponder dns = new DnsResponder(q -> answer(q, 2))) {
            CheckResult r = run(new DnsProbe(TRANSPORT, target(dns.port()), "SOA", "."));
            assertEquals("read error occurred. (rcode = 2)", r.detail());
        }
        try (DnsResponder wrongId = new DnsResponder(q -> {
            byte[] r = answer(q, 0);
            r[0] ^= (byte) 0xff;
            return r;
        })) {
            CheckResult r = run(new DnsProbe(TRANSPORT, target(wrongId.port(), Duration.ofMillis(300)), "A", "x.test"));
            assertEquals("timeout", r.detail(), "a reply with another id is ignored");
        }
        try (DnsResponder garbage = new DnsResponder(q -> new byte[] {1, 2, 3})) {
            assertFalse(run(new DnsProbe(TRANSPORT, target(garbage.port(), Duration.ofMillis(300)), "A", "x")).success());
        }
    }

    // ---- UDP_CHECK ----

    private static UdpCheck udp(boolean requireReply, byte[] prefix, int min, int max) {
        return new UdpCheck(CheckCommon.defaults(CheckerKind.UDP_CHECK), "ping".getBytes(StandardCharsets.US_ASCII),
                requireReply, prefix, min, max);
    }

    @Test
    void udpEchoClosedPortAndMismatch() throws Exception {
        try (DnsResponder echo = new DnsResponder(q -> q)) {
            assertTrue(run(new UdpProbe(TRANSPORT, target(echo.port()), udp(true, null, 0, 0))).success());
            assertTrue(run(new UdpProbe(TRANSPORT, target(echo.port()), udp(true, "pi".getBytes(), 4, 4))).success());
            assertFalse(run(new UdpProbe(TRANSPORT, target(echo.port()), udp(true, "xx".getBytes(), 0, 0))).success());
            assertFalse(run(new UdpProbe(TRANSPORT, target(echo.port()), udp(true, null, 10, 0))).success());
            assertEquals("ping", new String(echo.queries.get(0), StandardCharsets.US_ASCII));
        }
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CheckResult refused = run(new UdpProbe(TRANSPORT, target(closed, Duration.ofSeconds(2)), udp(false, null, 0, 0)));
        assertFalse(refused.success(), "ICMP port unreachable means down");
        assertEquals("port unreachable", refused.detail());
        try (DnsResponder silent = new DnsResponder(q -> null)) {
            assertTrue(run(new UdpProbe(TRANSPORT, target(silent.port(), Duration.ofMillis(200)),
                    udp(false, null, 0, 0))).success(), "silence without require_reply is up");
            assertEquals("no reply", run(new UdpProbe(TRANSPORT, target(silent.port(), Duration.ofMillis(200)),
                    udp(true, null, 0, 0))).detail());
        }
    }

    // ---- FILE_CHECK ----

    @Test
    void fileCheckValuesAndWeights() throws Exception {
        Path f = dir.resolve("track");
        FileProbe plain = new FileProbe(new FileCheck(CheckCommon.defaults(CheckerKind.FILE_CHECK), "t", f, 0, false));
        assertTrue(run(plain).success(), "missing file reads as 0");
        Files.writeString(f, "1\n");
        assertFalse(run(plain).success());
        FileProbe reverse = new FileProbe(new FileCheck(CheckCommon.defaults(CheckerKind.FILE_CHECK), "t", f, 0, true));
        assertTrue(run(reverse).success());
        Files.writeString(f, "3");
        FileProbe weighted = new FileProbe(new FileCheck(CheckCommon.defaults(CheckerKind.FILE_CHECK), "t", f, 10, false));
        assertEquals(30, run(weighted).weightDelta());
        FileProbe negative = new FileProbe(new FileCheck(CheckCommon.defaults(CheckerKind.FILE_CHECK), "t", f, -100, false));
        assertFalse(run(negative).success(), "-300 <= -254 means down");
        Files.writeString(f, "garbage");
        CheckResult g = run(weighted);
        assertTrue(g.success());
        assertEquals(0, g.weightDelta());
        assertNull(CheckResult.up("x").weightDelta());
    }
}
