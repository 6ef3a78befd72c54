package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void absentSocketMeansNotRunning() {
        Path sock = dir.resolve("vigil.sock");
        Cli.Outcome r = new Cli().run("status", "--socket", sock.toString());
        assertEquals(3, r.code());
        assertEquals("Vigil is not running (no status socket at " + sock + ")\n", r.out());
    }

    @Test
    void socketPathComesFromTheSettings() throws IOException {
        Path sock = dir.resolve("other.sock");
        Path settings = dir.resolve("s.conf");
        Files.writeString(settings, "vigil.status.socket = \"" + sock + "\"\n");
        Cli.Outcome r = new Cli().run("status", "--settings", settings.toString());
        assertEquals(3, r.code());
        assertTrue(r.out().contains(sock.toString()), r.out());
    }

    @Test
    void presentSocketMeansRunning() throws IOException {
        Path sock = Files.createFile(dir.resolve("vigil.sock"));
        Cli.Outcome r = new Cli().run("status", "--socket", sock.toString());
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Vigil is running"), r.out());
    }

    @Test
    void brokenSettingsAreReported() throws IOException {
        Path settings = dir.resolve("s.conf");
        Files.writeString(settings, "vigil.status.sockett = x\n");
        Cli.Outcome r = new Cli().run("status", "--settings", settings.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(settings + ":1: vigil.status.sockett: unknown setting"), r.err());
    }
}
