package dev.vigil.linux.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.ErrnoException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real AF_UNIX datagram sockets at a temporary path (no privileges needed). */
class UnixDatagramSocketTest {
    private static final int ECONNREFUSED = 111;

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDatagramArrivesWhole() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path);
             UnixDatagramSocket sender = UnixDatagramSocket.sender(path)) {
            assertTrue(Files.exists(path));
            sender.send(bytes("<30>Nov 21 04:13:42 Vigil[42]: one"));
            sender.send(bytes("two"));
            assertArrayEquals(bytes("<30>Nov 21 04:13:42 Vigil[42]: one"), receiver.receive(Duration.ofSeconds(5)));
            assertArrayEquals(bytes("two"), receiver.receive(Duration.ofSeconds(5)));
            assertNull(receiver.receive(Duration.ZERO), "nothing more");
        }
    }

    @Test
    void nothingAtThePathIsEnoentAndAClosedReceiverIsEconnrefused() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket sender = UnixDatagramSocket.sender(path)) {
            ErrnoException absent = assertThrows(ErrnoException.class, () -> sender.send(bytes("x")));
            assertEquals(Errno.ENOENT, absent.errno());
            UnixDatagramSocket.bind(path).close(); // the file stays, nobody reads it
            ErrnoException refused = assertThrows(ErrnoException.class, () -> sender.send(bytes("x")));
            assertEquals(ECONNREFUSED, refused.errno(), refused.getMessage());
        }
    }

    @Test
    void aFullReceiverMakesSendFailWithEagainInsteadOfWaiting() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path);
             UnixDatagramSocket sender = UnixDatagramSocket.sender(path)) {
            ErrnoException full = null;
            int sent = 0;
            for (; sent < 100_000 && full == null; sent++) {
                try {
                    sender.send(new byte[512]);
                } catch (ErrnoException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the receiver's queue never filled");
            assertEquals(Errno.EAGAIN, full.errno(), full.getMessage());
            assertTrue(receiver.receive(Duration.ZERO) != null, "what was queued is still there");
        }
    }

    @Test
    void aRestartedReceiverAtTheSamePathIsReachedWithoutReopening() throws Exception {
        Path path = dir.resolve("log");
        try (UnixDatagramSocket sender = UnixDatagramSocket.sender(path)) {
            try (UnixDatagramSocket first = UnixDatagramSocket.bind(path)) {
                sender.send(bytes("before"));
                assertArrayEquals(bytes("before"), first.receive(Duration.ofSeconds(5)));
            }
            Files.delete(path); // what a syslog daemon does when it restarts
            assertThrows(ErrnoException.class, () -> sender.send(bytes("during")));
            try (UnixDatagramSocket second = UnixDatagramSocket.bind(path)) {
                sender.send(bytes("after"));
                assertArrayEquals(bytes("after"), second.receive(Duration.ofSeconds(5)));
            }
        }
    }

    @Test
    void relativePathsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnixDatagramSocket.sender(Path.of("dev/log")));
    }
}
