package dev.vigil.linux.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's PR_SET_PDEATHSIG: a script dies when the daemon that started it is killed. */
class ScriptRunnerDeathTest {

    @TempDir
    Path dir;

    @Test
    void scriptDiesWithItsParentJvm() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path pidFile = dir.resolve("pid");
        Path script = ScriptFiles.shell(dir, "orphan.sh", "echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp "
                + pidFile + "; exec sleep 1000");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ScriptParentMain.class.getName(), script.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long pid;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pidFile));
            pid = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(ScriptRunnerTest.alive(pid), "script running while its parent lives");
        } finally {
            parent.destroyForcibly(); // SIGKILL: no shutdown hook can clean up
            parent.waitFor();
        }
        long scriptPid = pid;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ScriptRunnerTest.alive(scriptPid));
        } finally {
            ProcessHandle.of(scriptPid).ifPresent(ProcessHandle::destroyForcibly); // never leave it behind
        }
    }
}
