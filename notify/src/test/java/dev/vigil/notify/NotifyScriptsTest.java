package dev.vigil.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.notify.events.EventLog;
import dev.vigil.notify.fifo.NotifyFifos;
import dev.vigil.notify.mail.AlertPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real notify scripts in a temporary directory, run by the linux module's ScriptRunner. */
class NotifyScriptsTest {
    @TempDir
    Path dir;

    private NotifyDispatcher dispatcher() {
        return new NotifyDispatcher(new ScriptRunner(), NotifyFifos.none(), null, AlertPolicy.defaults(), "LB1",
                Clock.systemUTC());
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void scriptsGetKeepalivedsArguments() throws Exception {
        Path args = dir.resolve("args");
        Path master = script("master.sh", "echo \"master $*\" >> " + args);
        Path generic = script("notify.sh", "echo \"generic $*\" >> " + args);
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(ScriptCommand.parse(master + " \"a b\" c"), null, null,
                null, null, ScriptCommand.parse(generic + " generic_1"), null);
        dispatcher().instanceState("VI_1", NotifyState.MASTER, 150, scripts, null, false)
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(args);
        assertTrue(lines.contains("master a b c"), lines.toString());
        assertTrue(lines.contains("generic generic_1 INSTANCE VI_1 MASTER 150"), lines.toString());
    }

    @Test
    void aHangingScriptNeverDelaysTheCaller() throws Exception {
        Path started = dir.resolve("started");
        Path hang = script("hang.sh", "echo $$ >> " + started + "; exec sleep 60");
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(ScriptCommand.parse(hang.toString()), null, null,
                ScriptCommand.parse(hang.toString()), null, null, null);
        CompletableFuture<Void> master = dispatcher().instanceState("VI_1", NotifyState.MASTER, 150, scripts, null,
                false);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
        assertFalse(master.isDone(), "returned while its notify_master script still runs");

        try (LogCapture events = new LogCapture(EventLog.LOGGER)) {
            CompletableFuture<Void> stop = dispatcher().instanceState("VI_1", NotifyState.STOP, 150, scripts, null,
                    false);
            assertFalse(stop.isDone());
            stop.get(20, java.util.concurrent.TimeUnit.SECONDS); // notify_stop is killed after 1 s
            assertTrue(events.messages().stream().anyMatch(m -> m.equals("(VI_1) notify_stop script '" + hang
                    + "' timed out")), events.messages().toString());
        }
        // the notify_master script is deliberately left running by Vigil; the test cleans it up
        for (String pid : Files.readAllLines(started)) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void failingAndMissingScriptsAreLogged() throws Exception {
        Path fail = script("fail.sh", "exit 3");
        Path missing = dir.resolve("does-not-exist.sh");
        VrrpNotifyScripts scripts = new VrrpNotifyScripts(null, ScriptCommand.parse(fail.toString()), null, null,
                null, ScriptCommand.parse(missing.toString()), null);
        try (LogCapture events = new LogCapture(EventLog.LOGGER)) {
            dispatcher().instanceState("VI_1", NotifyState.BACKUP, 100, scripts, null, false)
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(events.messages().contains("(VI_1) notify_backup script '" + fail + "' exited with status 3"),
                    events.messages().toString());
            String missingLine = events.messages().stream().filter(m -> m.startsWith("(VI_1) notify script '"
                    + missing)).findFirst().orElseThrow(() -> new AssertionError(events.messages()));
            assertTrue(missingLine.length() > ("(VI_1) notify script '" + missing + " INSTANCE VI_1 BACKUP 100' ")
                    .length(), "says why: " + missingLine);
            assertEquals(2, events.events().stream()
                    .filter(e -> e.getFormattedMessage().contains(dir.toString())).count());
        }
    }
}
