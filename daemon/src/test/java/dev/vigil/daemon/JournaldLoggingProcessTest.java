package dev.vigil.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd journald reads stderr ({@code $JOURNAL_STREAM} is set): even the lines logged before the settings are
 * read carry a {@code <N>} severity prefix and no timestamp of their own; elsewhere they are keepalived's console
 * lines. A child JVM that stops at a broken settings file.
 */
@Tag("slow")
class JournaldLoggingProcessTest {
    @TempDir
    Path dir;

    private List<String> stderr(boolean journald) throws Exception {
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.metrics.prot = 1\n");
        ProcessBuilder pb = new ProcessBuilder(DaemonJava.command(List.of(), "--settings", settings.toString(),
                "-f", dir.resolve("keepalived.conf").toString())).redirectErrorStream(true);
        pb.environment().remove("JOURNAL_STREAM");
        if (journald) {
            pb.environment().put("JOURNAL_STREAM", "8:12345");
        }
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vigil did not exit");
            assertEquals(ExitCodes.CONFIG, p.exitValue());
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void earlyErrorsGetASeverityPrefixUnderJournald() throws Exception {
        List<String> lines = stderr(true);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<3>") && l.contains("vigil.metrics.prot")),
                lines.toString());
    }

    @Test
    void earlyErrorsAreKeepalivedConsoleLinesOtherwise() throws Exception {
        List<String> lines = stderr(false);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: .*")
                && l.contains("vigil.metrics.prot")), lines.toString());
    }
}
