package dev.vigil.linux.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands: what they print and exit with, and the three ways one can fail to finish. */
class CommandRunnerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void capturesStdoutAndStderrAndTheExitCode() {
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), GENEROUS);
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertEquals("out\nerr\n", r.output());
        assertTrue(CommandRunner.run(List.of("true"), GENEROUS).ok());
    }

    @Test
    void aCommandThatCannotStartIsAFailedResult() {
        CommandRunner.Result r = CommandRunner.run(List.of(dir.resolve("missing").toString()), GENEROUS);
        assertEquals(-1, r.exitCode());
        assertTrue(r.output().contains("missing"), r.output());
    }

    @Test
    void aCommandOutlivingItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("pid");
        CommandRunner.Result r = CommandRunner.run(List.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait"),
                Duration.ofMillis(500));
        assertEquals(-1, r.exitCode());
        assertTrue(r.output().startsWith("timed out after PT0.5S: sh -c"), r.output());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aBackgroundChildStillHoldingTheOutputDoesNotHoldTheCaller() throws Exception {
        Path pidFile = dir.resolve("pid");
        try {
            CommandRunner.Result r = CommandRunner.run(
                    List.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; echo started"), Duration.ofSeconds(1));
            // the JDK cuts the pipe off at the command's exit unless the reading thread is blocked on it already
            assertTrue(r.equals(new CommandRunner.Result(0, "started\n")) || r.exitCode() == -1
                    && r.output().startsWith("output still open after PT1S"), r.toString());
        } finally {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
