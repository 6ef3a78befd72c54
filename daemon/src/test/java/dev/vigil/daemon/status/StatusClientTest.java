package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil status} against a daemon that hangs: it gives up with a clear error instead of hanging too. */
class StatusClientTest {
    @TempDir
    Path dir;

    @Test
    void aDaemonThatAcceptsButNeverAnswersTimesOut() throws IOException {
        Path sock = dir.resolve("hung.sock");
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(sock), 8); // listens, never accepts
            IOException e = assertThrows(IOException.class,
                    () -> StatusClient.ask(sock, "status", Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("no answer from " + sock + " within 300 ms"), e.getMessage());
            assertFalse(e instanceof StatusClient.NotRunningException, "a hung daemon is not 'not running'");
        }
    }

    @Test
    void aDaemonWithAFullBacklogDoesNotHangTheClient() throws IOException {
        Path sock = dir.resolve("full.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(sock), 1);
            for (int i = 0; i < 4; i++) { // fill the backlog without blocking ourselves
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.configureBlocking(false);
                try {
                    c.connect(UnixDomainSocketAddress.of(sock));
                } catch (IOException full) {
                    // the kernel refuses non-blocking connects once the queue is full
                }
                queued.add(c);
            }
            IOException e = assertThrows(IOException.class,
                    () -> StatusClient.ask(sock, "status", Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains(sock.toString()), e.getMessage());
        } finally {
            for (SocketChannel c : queued) {
                c.close();
            }
        }
    }
}
