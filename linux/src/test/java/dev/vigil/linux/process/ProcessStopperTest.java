package dev.vigil.linux.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real children: one that honours SIGTERM, one that ignores it, one with a child of its own. */
class ProcessStopperTest {
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path dir;

    @Test
    void stopEndsAChildThatHonoursSigtermWithSigterm() throws Exception {
        assertStoppedBy(sleeper(""), Duration.ofSeconds(30), SIGTERM_EXIT);
    }

    @Test
    void stopKillsAChildThatIgnoresSigtermOnceTheGraceHasPassed() throws Exception {
        assertStoppedBy(sleeper("trap '' TERM; "), Duration.ofMillis(500), SIGKILL_EXIT); // an ignored signal stays ignored across exec
    }

    /** A child that sleeps after running {@code setup}; returned once {@code setup} has run. */
    private Process sleeper(String setup) throws Exception {
        Path ready = dir.resolve("ready");
        Process p = new ProcessBuilder("sh", "-c", setup + "touch " + ready + "; exec sleep 1000").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ready) || !p.isAlive());
        return p;
    }

    private static void assertStoppedBy(Process p, Duration grace, int exitCode) throws Exception {
        try {
            assertTrue(ProcessStopper.stop(p, grace));
            assertEquals(exitCode, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void killTakesTheChildsOwnChildrenWithIt() throws Exception {
        Path pidFile = dir.resolve("pid");
        Process p = new ProcessBuilder("sh", "-c", "sleep 1000 & echo $! > " + pidFile + ".tmp; mv " + pidFile
                + ".tmp " + pidFile + "; wait").start();
        long grandchild = -1;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile));
            grandchild = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(ProcessStopper.kill(p));
            assertFalse(p.isAlive());
            long gc = grandchild;
            // re-parented to init (or a subreaper) when the shell died, it is reaped soon after its SIGKILL
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(gc).map(h -> !h.isAlive()).orElse(true));
        } finally {
            p.destroyForcibly();
            if (grandchild > 0) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
