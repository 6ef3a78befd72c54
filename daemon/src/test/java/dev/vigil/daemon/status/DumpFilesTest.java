package dev.vigil.daemon.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {
    @TempDir
    Path dir;

    @Test
    void tmpdirIsUsedOnlyWhenAbsolute() {
        assertEquals(Path.of("/var/tmp/keepalived.data"),
                DumpFiles.fromEnvironment(Map.of("TMPDIR", "/var/tmp")).data());
        assertEquals(Path.of("/tmp/keepalived.stats"),
                DumpFiles.fromEnvironment(Map.of("TMPDIR", "relative/tmp")).stats());
        assertEquals(Path.of("/tmp/keepalived.data"), DumpFiles.fromEnvironment(Map.of()).data());
    }

    @Test
    void writesMode0600AndReplacesTheOldDump() throws IOException {
        Path target = new DumpFiles(dir).data();
        Files.writeString(target, "old, longer content that must disappear\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        DumpFiles.write(target, "new\n");
        assertEquals("new\n", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aPlantedSymlinkIsReplacedNotFollowed() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path target = new DumpFiles(dir).stats();
        Files.createSymbolicLink(target, victim);
        DumpFiles.write(target, "stats\n");
        assertEquals("precious\n", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(target));
        assertEquals("stats\n", Files.readString(target));
    }
}
