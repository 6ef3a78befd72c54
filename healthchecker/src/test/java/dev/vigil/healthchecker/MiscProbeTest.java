package dev.vigil.healthchecker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.healthchecker.probe.MiscProbe;
import dev.vigil.linux.process.PosixUser;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.linux.process.ScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiscProbeTest extends ProbeTestSupport {

    static final ScriptRunner RUNNER = new ScriptRunner(PosixUser.current(), false, Duration.ofMillis(200));

    @TempDir
    Path dir;

    Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    MiscProbe misc(String cmd, Duration timeout, boolean dynamic, int weight) {
        return new MiscProbe(RUNNER, ScriptCommand.parse(cmd), timeout, dynamic, weight);
    }

    @Test
    void exitStatusDecidesAndDynamicSetsTheWeight() throws Exception {
        Path s = script("status.sh", "exit \"$1\"");
        assertTrue(run(misc(s + " 0", Duration.ofSeconds(10), false, 5)).success());
        CheckResult one = run(misc(s + " 1", Duration.ofSeconds(10), false, 5));
        assertFalse(one.success());
        assertEquals("exited with status 1", one.detail());
        assertFalse(run(misc(s + " 12", Duration.ofSeconds(10), false, 5)).success(), "2..255 fail without dynamic");
        CheckResult dyn = run(misc(s + " 12", Duration.ofSeconds(10), true, 5));
        assertTrue(dyn.success());
        assertEquals(12 - 2 - 5, dyn.weightDelta(), "weight becomes exit - 2 = 10");
        CheckResult high = run(misc(s + " 200", Duration.ofSeconds(10), true, 1));
        assertEquals(200 - 2 - 1, high.weightDelta(), "statuses above 128 are exit codes, not signals");
        assertEquals(0, run(misc(s + " 0", Duration.ofSeconds(10), true, 5)).weightDelta());
        assertNull(run(misc(s + " 0", Duration.ofSeconds(10), false, 5)).weightDelta());
        assertFalse(run(misc(s + " 1", Duration.ofSeconds(10), true, 5)).success(), "1 is down even when dynamic");
    }

    @Test
    void hangingScriptThatForksIsKilledWithItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script("hang.sh", "sleep 300 & echo $! >> " + pids + "\n(trap '' TERM; sleep 300) & echo $! >> "
                + pids + "\necho $$ >> " + pids + "\nwait");
        CheckResult r = run(misc(s.toString(), Duration.ofSeconds(3), false, 1)); // time to fork on a loaded box
        assertFalse(r.success());
        assertEquals("timed out", r.detail());
        List<String> started = Files.readAllLines(pids);
        assertEquals(3, started.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(p -> alive(Long.parseLong(p))));
    }

    @Test
    void missingScriptIsDownWithTheReason() throws Exception {
        CheckResult r = run(misc(dir + "/nope.sh", Duration.ofSeconds(1), false, 1));
        assertFalse(r.success());
        assertTrue(r.detail().contains("cannot be accessed"), r.detail());
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
