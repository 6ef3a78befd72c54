package dev.vigil.linux.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.ErrnoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real AF_UNIX datagram listener (path and abstract names); no privileges needed. */
class SdNotifyTest {
    @TempDir
    Path dir;

    private static String uniqueAbstractName() {
        return "@vigil-sdnotify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @Test
    void pathAddressIsFamilyThenNulTerminatedPath() {
        byte[] sa = NotifySocketAddress.parse("/run/n").sockaddr();
        ByteBuffer expected = ByteBuffer.allocate(2 + 7).order(ByteOrder.nativeOrder());
        expected.putShort((short) 1).put("/run/n".getBytes()).put((byte) 0);
        assertArrayEquals(expected.array(), sa);
        assertFalse(NotifySocketAddress.parse("/run/n").isAbstract());
    }

    @Test
    void abstractAddressStartsWithNulAndHasNoTerminator() {
        byte[] sa = NotifySocketAddress.parse("@sys/n").sockaddr();
        ByteBuffer expected = ByteBuffer.allocate(2 + 6).order(ByteOrder.nativeOrder());
        expected.putShort((short) 1).put((byte) 0).put("sys/n".getBytes());
        assertArrayEquals(expected.array(), sa);
        assertTrue(NotifySocketAddress.parse("@sys/n").isAbstract());
    }

    @Test
    void unusableAddressesAreRefusedWithTheirValue() {
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> NotifySocketAddress.parse("run/notify"));
        assertTrue(relative.getMessage().contains("'run/notify'"), relative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("@"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("vsock:2:1234"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocketAddress.parse("/" + "x".repeat(107)));
        assertEquals(2 + 108, NotifySocketAddress.parse("/" + "x".repeat(106)).sockaddr().length);
    }

    @Test
    void disabledSendsNothing() throws Exception {
        try (SdNotify n = SdNotify.disabled()) {
            assertFalse(n.enabled());
            assertFalse(n.ready());
            assertFalse(n.send("READY=1"));
            assertEquals(Optional.empty(), n.socketName());
        }
    }

    @Test
    void withoutNotifySocketTheEnvironmentGivesADisabledNotifier() throws Exception {
        assumeTrue(System.getenv("NOTIFY_SOCKET") == null, "the test JVM itself runs under a notify service");
        try (SdNotify n = SdNotify.fromEnvironment()) {
            assertFalse(n.enabled());
        }
    }

    @Test
    void messagesReachAPathListenerInOrder() throws Exception {
        String path = dir.resolve("notify").toString();
        try (NotifyListener listener = new NotifyListener(path); SdNotify n = SdNotify.open(path)) {
            assertTrue(Files.exists(Path.of(path)), "the listener's socket file is at the encoded path");
            assertTrue(n.enabled());
            assertEquals(Optional.of(path), n.socketName());

            long before = SdNotify.monotonicMicros();
            assertTrue(n.reloading());
            long after = SdNotify.monotonicMicros();
            assertTrue(n.ready());
            assertTrue(n.status("VI_1 MASTER\nVI_2 BACKUP"));
            assertTrue(n.stopping());
            assertTrue(n.errno(-71));

            String reloading = listener.next();
            assertTrue(reloading.startsWith("RELOADING=1\nMONOTONIC_USEC="), reloading);
            long usec = Long.parseLong(reloading.substring(reloading.indexOf("USEC=") + 5));
            assertTrue(before <= usec && usec <= after, before + " <= " + usec + " <= " + after);
            assertEquals("READY=1\nMAINPID=" + ProcessHandle.current().pid(), listener.next());
            assertEquals("STATUS=VI_1 MASTER VI_2 BACKUP", listener.next());
            assertEquals("STOPPING=1", listener.next());
            assertEquals("ERRNO=71", listener.next());
            assertNull(listener.poll(), "one datagram per message");
        }
    }

    @Test
    void messagesReachAnAbstractListener() throws Exception {
        String name = uniqueAbstractName();
        try (NotifyListener listener = new NotifyListener(name); SdNotify n = SdNotify.open(name)) {
            assertTrue(Files.readString(Path.of("/proc/net/unix")).contains(" " + name + "\n"),
                    "the kernel lists the abstract socket under its @ name");
            assertTrue(n.send("READY=1"));
            assertEquals("READY=1", listener.next());
        }
    }

    @Test
    void aMissingOrDeadListenerIsAnErrnoNotASilentLoss() throws Exception {
        String path = dir.resolve("gone").toString();
        try (SdNotify n = SdNotify.open(path)) {
            ErrnoException absent = assertThrows(ErrnoException.class, n::ready);
            assertEquals("ENOENT", absent.errnoName());
            new NotifyListener(path).close(); // the socket file stays, nobody reads it
            ErrnoException refused = assertThrows(ErrnoException.class, n::stopping);
            assertEquals("ECONNREFUSED", refused.errnoName());
        }
    }

    @Test
    void monotonicClockAdvances() {
        long a = SdNotify.monotonicMicros();
        long b = SdNotify.monotonicMicros();
        assertTrue(a > 0 && b >= a, a + " then " + b);
    }
}
