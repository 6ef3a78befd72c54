package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.status.StatusJson;
import dev.vigil.daemon.status.StatusRequests;
import dev.vigil.daemon.status.StatusServer;
import dev.vigil.daemon.status.StatusSnapshot;
import dev.vigil.daemon.status.StatusTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    void aSocketNobodyListensOnMeansNotRunning() throws IOException {
        Path sock = Files.createFile(dir.resolve("vigil.sock"));
        Cli.Outcome r = new Cli().run("status", "--socket", sock.toString());
        assertEquals(3, r.code());
        assertEquals("Vigil is not running (nothing listens on " + sock + ")\n", r.out());
    }

    @Test
    void printsTheDaemonsTable() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        try (StatusServer server = StatusServer.start(sock, new StatusRequests(StatusCommandTest::snapshot,
                () -> ""), Duration.ofSeconds(5))) {
            Cli.Outcome r = new Cli().run("status", "--socket", server.path().toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(StatusTable.render(snapshot()), r.out());
            assertTrue(r.out().contains("VI_1"), r.out());
        }
    }

    @Test
    void jsonPrintsTheMachineForm() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        try (StatusServer server = StatusServer.start(sock, new StatusRequests(StatusCommandTest::snapshot,
                () -> ""), Duration.ofSeconds(5))) {
            Cli.Outcome r = new Cli().run("status", "--json", "--socket", server.path().toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(StatusJson.render(snapshot()), r.out());
        }
    }

    @Test
    void anErrorAnswerFailsTheCommand() throws IOException {
        Path sock = dir.resolve("vigil.sock");
        try (StatusServer server = StatusServer.start(sock, request -> "error: broken\n", Duration.ofSeconds(5))) {
            Cli.Outcome r = new Cli().run("status", "--socket", server.path().toString());
            assertEquals(1, r.code());
            assertEquals("error: broken\n", r.err());
        }
    }

    private static StatusSnapshot snapshot() {
        return new StatusSnapshot(new StatusSnapshot.Daemon("1.0", 7, Instant.EPOCH, "/k.conf", null, null),
                List.of(new StatusSnapshot.Instance("VI_1", "eth0", 51, "BACKUP", 100, 100, "10.0.0.1",
                        List.of("10.0.0.100"), false, null, null, null, Map.of("ADVERT_RECEIVED", 5L))),
                List.of());
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
