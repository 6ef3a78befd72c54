package dev.vigil.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a real process: real SIGHUP/SIGTERM, pid file, exit code, log lines. */
@Tag("slow")
class DaemonProcessTest {
    @TempDir
    Path dir;
    Process process;

    private Process launch(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor());
    }

    @Test
    void runsReloadsOnHupAndStopsCleanlyOnTerm() throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "! nothing yet\n");
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.logging.format = text\n");
        Path pid = dir.resolve("vigil.pid");
        Path log = dir.resolve("out.log");
        process = launch(log, "-n", "-l", "-f", conf.toString(), "-p", pid.toString(),
                "--settings", settings.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pid));
        assertEquals(process.pid() + "\n", Files.readString(pid));

        signal("HUP", process.pid());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("Reload complete"));
        assertTrue(process.isAlive(), "SIGHUP reloads, it does not stop");

        signal("TERM", process.pid());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertFalse(Files.exists(pid), "pid file removed on stop");
        String out = Files.readString(log);
        assertTrue(out.contains("Starting Vigil v" + VigilVersion.current()), out);
        assertTrue(out.contains("Stopping"), out);
        assertTrue(out.contains("Stopped Vigil v"), out);
    }

    @Test
    void jsonLogFormatWritesOneObjectPerLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), "! nothing yet\n");
        Path pid = dir.resolve("vigil.pid");
        Path log = dir.resolve("out.log");
        process = launch(log, "-f", conf.toString(), "-p", pid.toString(), "--log-format", "json",
                "--settings", Files.writeString(dir.resolve("s.conf"), "").toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pid));
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() >= 4, lines.toString());
        for (String line : lines.subList(1, lines.size())) { // the first line predates the settings
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
            com.typesafe.config.ConfigFactory.parseString(line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"message\":\"Starting Vigil v")), lines.toString());
    }

    @Test
    void missingConfigExitsSixAsKeepalived() throws Exception {
        Path log = dir.resolve("out.log");
        process = launch(log, "-f", dir.resolve("absent.conf").toString(), "-p", dir.resolve("p.pid").toString(),
                "--settings", Files.writeString(dir.resolve("s.conf"), "").toString());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(6, process.exitValue());
        assertTrue(Files.readString(log).contains("Config files missing '" + dir.resolve("absent.conf") + "'."));
    }
}
