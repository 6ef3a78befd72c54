package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void writesPidNewlineAndCreatesTheDirectory() throws Exception {
        Path p = dir.resolve("a/b/vigil.pid");
        PidFile f = PidFile.write(p);
        assertEquals(SELF + "\n", Files.readString(p));
        assertEquals(OptionalLong.of(SELF), PidFile.read(p));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        f.remove();
        assertFalse(Files.exists(p));
        try (var listing = Files.list(p.getParent())) {
            assertEquals(0, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void stalePidFilesAreReplaced() throws Exception {
        Path p = dir.resolve("vigil.pid");
        Files.writeString(p, "not a pid\n");
        PidFile.write(p);
        assertEquals(OptionalLong.of(SELF), PidFile.read(p));
        Files.writeString(p, "2147483646\n"); // far above pid_max: no such process
        PidFile.write(p);
        assertEquals(OptionalLong.of(SELF), PidFile.read(p));
    }

    @Test
    void liveOtherProcessIsRefused() throws IOException {
        Path p = dir.resolve("vigil.pid");
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(p, parent + "\n");
        PidFile.AlreadyRunningException e = assertThrows(PidFile.AlreadyRunningException.class,
                () -> PidFile.write(p));
        assertTrue(e.getMessage().startsWith("daemon is already running (pid " + parent), e.getMessage());
        assertEquals(OptionalLong.of(parent), PidFile.read(p));
    }

    @Test
    void removeLeavesAFileThatNoLongerHoldsOurPid() throws Exception {
        Path p = dir.resolve("vigil.pid");
        PidFile f = PidFile.write(p);
        Files.writeString(p, "12345\n");
        f.remove();
        assertTrue(Files.exists(p));
    }

    @Test
    void readOfAbsentFileIsEmpty() throws IOException {
        assertEquals(OptionalLong.empty(), PidFile.read(dir.resolve("none.pid")));
    }
}
