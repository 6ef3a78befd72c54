package dev.vigil.daemon.status;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusServerTest {
    private static final Duration ASK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger snapshots = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private StatusServer start(Path socket, Duration clientTimeout) throws IOException {
        StatusRequests requests = new StatusRequests(() -> {
            snapshots.incrementAndGet();
            return Snapshots.sample();
        }, () -> "VRRP Instance: VI_1\n");
        StatusServer s = StatusServer.start(socket, requests, clientTimeout);
        open.add(s);
        return s;
    }

    @Test
    void answersEachRequest() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        start(sock, Duration.ofSeconds(5));
        assertEquals(StatusTable.render(Snapshots.sample()), StatusClient.ask(sock, "status", ASK));
        assertEquals(StatusJson.render(Snapshots.sample()), StatusClient.ask(sock, "status json", ASK));
        assertEquals("VRRP Instance: VI_1\n", StatusClient.ask(sock, "stats", ASK));
        assertEquals("error: unknown request 'bogus\u0001?' (expected: status, status json, stats)\n".replace(
                "\u0001", "?").replace("??", "?"), StatusClient.ask(sock, "bogus\u0001", ASK));
    }

    @Test
    void socketIsGroupReadableOnlyAndRemovedAtClose() throws IOException {
        Path sock = dir.resolve("run/vigil/vigil.sock"); // the directory is created
        StatusServer s = start(sock, Duration.ofSeconds(5));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        s.close();
        assertFalse(Files.exists(sock));
        assertThrows(StatusClient.NotRunningException.class, () -> StatusClient.ask(sock, "status", ASK));
    }

    @Test
    void staleSocketIsReplaced() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock)); // bound, then closed: the file stays, nobody listens
        }
        assertTrue(Files.exists(sock));
        assertThrows(StatusClient.NotRunningException.class, () -> StatusClient.ask(sock, "status", ASK));
        start(sock, Duration.ofSeconds(5));
        assertTrue(StatusClient.ask(sock, "status", ASK).startsWith("Vigil 0.1.0-TEST"));
    }

    @Test
    void aLiveSocketIsNotStolen() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        start(sock, Duration.ofSeconds(5));
        IOException e = assertThrows(IOException.class, () -> start(sock, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("in use by a running daemon"), e.getMessage());
        assertTrue(StatusClient.ask(sock, "status", ASK).startsWith("Vigil"), "the first server still answers");
    }

    @Test
    void aSilentClientBlocksNobodyAndIsDropped() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        start(sock, Duration.ofMillis(300));
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(sock));
             SocketChannel halfLine = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            halfLine.write(ByteBuffer.wrap("stat".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(StatusClient.ask(sock, "status", ASK).startsWith("Vigil"), "answered despite the others");
            // both idle clients are disconnected at their deadline: the read sees end-of-stream
            await().atMost(Duration.ofSeconds(5)).until(() -> silent.read(ByteBuffer.allocate(16)) == -1);
            await().atMost(Duration.ofSeconds(5)).until(() -> halfLine.read(ByteBuffer.allocate(16)) == -1);
        }
        assertTrue(StatusClient.ask(sock, "status json", ASK).startsWith("{"), "still serving");
    }

    @Test
    void aClientThatNeverReadsCannotStallTheServer() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        String big = "x".repeat(4 << 20); // larger than the socket buffers: the write cannot finish
        StatusServer s = StatusServer.start(sock, request -> big, Duration.ofMillis(300));
        open.add(s);
        try (SocketChannel greedy = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            greedy.write(ByteBuffer.wrap("status\n".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(big, StatusClient.ask(sock, "status", Duration.ofSeconds(20)), "another client is served");
        }
    }

    @Test
    void overlongRequestGetsAnError() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        start(sock, Duration.ofSeconds(5));
        String answer = StatusClient.ask(sock, "s".repeat(StatusServer.MAX_REQUEST + 10), ASK);
        assertEquals("error: request longer than 256 bytes\n", answer);
        assertEquals(0, snapshots.get(), "no snapshot taken for a rejected request");
    }

    @Test
    void aFailingResponderAnswersWithAnError() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        open.add(StatusServer.start(sock, r -> {
            throw new IllegalStateException("boom");
        }, Duration.ofSeconds(5)));
        assertEquals("error: java.lang.IllegalStateException: boom\n", StatusClient.ask(sock, "status", ASK));
        assertTrue(StatusClient.ask(sock, "status", ASK).startsWith("error:"), "and keeps serving");
    }
}
