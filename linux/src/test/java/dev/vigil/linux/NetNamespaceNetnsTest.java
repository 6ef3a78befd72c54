package dev.vigil.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.testing.Exec;
import dev.vigil.linux.testing.Netns;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("netns")
class NetNamespaceNetnsTest {
    @Test
    void missingNamespaceIsEnoentWithPath() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> NetNamespace.open("vgll-does-not-exist"));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("cannot open network namespace /run/netns/vgll-does-not-exist: ENOENT"),
                e.getMessage());
    }

    @Test
    void failuresInsideTheNamespaceReachTheCallerUnchanged() throws Exception {
        try (Netns ns = Netns.create()) {
            NetNamespace inside = ns.enter();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> inside.call(() -> {
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", e.getMessage());
            IOException io = assertThrows(IOException.class, () -> inside.call(() -> {
                throw new FileNotFoundException("nope");
            }));
            assertEquals("nope", io.getMessage());
            assertEquals(42, inside.call(() -> 42), "thread survives failures");
        }
    }

    @Test
    void threadRunsInTheNamespaceAndCallerStaysOutside() throws Exception {
        try (Netns ns = Netns.create()) {
            String inode = ns.enter().call(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
            String expected = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            assertNotEquals(expected, inode, "dedicated thread moved to the test namespace");
            assertEquals(expected, Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
            assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), expected);
            String nsInode = Exec.check("stat", "-L", "-c", "%i", "/run/netns/" + ns.name()).trim();
            assertTrue(inode.contains(nsInode), inode + " vs " + nsInode);
        }
    }
}
