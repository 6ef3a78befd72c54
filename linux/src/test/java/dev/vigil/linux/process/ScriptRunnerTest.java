package dev.vigil.linux.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    Path dir;
    final ScriptRunner runner = new ScriptRunner(PosixUser.current(), false, Duration.ofMillis(300));

    @BeforeEach
    void safeDir() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = tmp;
    }

    private ScriptResult run(String cmd, Duration timeout) throws Exception {
        return runner.run(ScriptCommand.parse(cmd), timeout).get(60, TimeUnit.SECONDS);
    }

    @Test
    void exitCodesAreReportedExactly() throws Exception {
        Path s = ScriptFiles.shell(dir, "exit.sh", "exit \"$1\"");
        for (int code : new int[] {0, 1, 2, 130, 143, 255}) {
            ScriptResult r = run(s + " " + code, LONG);
            assertEquals(code, r.exitCode(), "exit " + code);
            assertEquals(0, r.signal());
            assertFalse(r.timedOut());
            assertEquals(code == 0, r.succeeded());
        }
    }

    @Test
    void deathBySignalIsReportedAsSignal() throws Exception {
        Path s = ScriptFiles.shell(dir, "sig.sh", "kill -USR1 $$; sleep 5");
        ScriptResult r = run(s.toString(), LONG);
        assertEquals(-1, r.exitCode());
        assertEquals(10, r.signal());
        assertFalse(r.timedOut());
        assertEquals("due to signal 10", r.describe());
    }

    @Test
    void argumentsArriveIntact() throws Exception {
        Path out = dir.resolve("args.out");
        Path s = ScriptFiles.shell(dir, "args.sh", "printf '%s|' \"$@\" > " + out);
        assertTrue(run(s + " 'a b' c\\td \"\"", LONG).succeeded());
        assertEquals("a b|c\td||", Files.readString(out));
    }

    @Test
    void scriptRunsInItsOwnSessionWithDevNullStdioAndNoInheritedDescriptors() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path s = ScriptFiles.shell(dir, "session.sh", "echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile
                + "; cd /tmp; exec sleep 30");
        CompletableFuture<ScriptResult> f = runner.run(ScriptCommand.parse(s.toString()), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pidFile));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Path proc = Path.of("/proc/" + pid);
        // once the shell has exec'd sleep, the process holds exactly what it inherited from the runner
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(proc.resolve("comm")).trim().equals("sleep"));
        String stat = Files.readString(proc.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(Long.toString(pid), fields[2], "process group id = pid");
        assertEquals(Long.toString(pid), fields[3], "session id = pid");
        List<String> fds;
        try (var list = Files.list(proc.resolve("fd"))) {
            fds = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("0", "1", "2"), fds, "no descriptor of the JVM leaks into scripts");
        for (String fd : fds) {
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(proc.resolve("fd").resolve(fd)));
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM
        assertEquals(15, f.get(60, TimeUnit.SECONDS).signal());
    }

    @Test
    void scriptStartsInTheRootDirectory() throws Exception {
        Path out = dir.resolve("cwd");
        Path s = ScriptFiles.shell(dir, "cwd.sh", "pwd > " + out);
        assertTrue(run(s.toString(), LONG).succeeded());
        assertEquals("/", Files.readString(out).trim());
    }

    @Test
    void dangerousVariablesAreRemoved() {
        assertFalse(ScriptRunner.environment(java.util.Map.of("IFS", "x", "LD_PRELOAD", "/x.so",
                "LD_LIBRARY_PATH", "/l", "PATH", "/bin")).keySet().stream()
                .anyMatch(k -> k.equals("IFS") || k.startsWith("LD_")));
    }

    @Test
    void fileWithoutShebangRunsThroughTheShell() throws Exception {
        Path s = ScriptFiles.write(dir, "noshebang", "x=3\nexit $x\n", "rwxr-xr-x");
        assertEquals(3, run(s.toString(), LONG).exitCode());
    }

    @Test
    void redirectionTestRunsThroughShell() throws Exception {
        Path f = ScriptFiles.write(dir, "exists", "", "rw-r--r--");
        assertTrue(run("<" + f, LONG).succeeded());
        assertFalse(run("<" + dir + "/missing", LONG).succeeded());
    }

    @Test
    void bareNameIsFoundOnThePath() throws Exception {
        assertTrue(run("true", LONG).succeeded());
        assertEquals(1, run("false", LONG).exitCode());
    }

    @Test
    void missingAndNonExecutableScriptsDoNotStart() throws Exception {
        ScriptResult missing = run(dir + "/missing.sh", LONG);
        assertNotNull(missing.execError());
        assertFalse(missing.succeeded());
        assertEquals(-1, missing.exitCode());

        Path s = ScriptFiles.write(dir, "noexec.sh", "#!/bin/sh\nexit 0\n", "rw-r--r--");
        ScriptResult noexec = run(s.toString(), LONG);
        assertTrue(noexec.execError().contains("is not executable"), noexec.execError());
    }

    @Test
    void runsAsTheConfiguredUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(PosixUser.current().uid() == 0, "needs root to switch user");
        PosixUser nobody = PosixUser.lookup("nobody", null).orElseThrow();
        Path s = ScriptFiles.shell(dir, "id.sh", "exit $(( $(id -u) % 256 ))");
        ScriptResult r = runner.run(ScriptCommand.parse(s.toString(), "nobody", null), LONG).get(60, TimeUnit.SECONDS);
        assertEquals(nobody.uid() % 256, r.exitCode());
        ScriptResult group = runner.run(ScriptCommand.parse("/bin/sh -c 'exit $(( $(id -g) % 256 ))'", "nobody",
                "daemon"), LONG).get(60, TimeUnit.SECONDS);
        assertEquals(PosixUser.lookup("nobody", "daemon").orElseThrow().gid() % 256, group.exitCode());
    }

    @Test
    void timeoutKillsTheWholeGroupIncludingGrandchildren() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = ScriptFiles.shell(dir, "hang.sh",
                "sleep 1000 & echo $! >> " + pids + "\n"
                        + "sh -c 'trap \"\" TERM; sleep 1000 & echo $! >> " + pids + "; wait' &\n"
                        + "echo $! >> " + pids + "\n"
                        + "echo $$ >> " + pids + "\n"
                        + "wait");
        ScriptResult r = run(s.toString(), Duration.ofSeconds(3)); // long enough for a loaded CI box to fork all
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertEquals("timed out", r.describe());
        List<String> started = Files.readAllLines(pids);
        assertEquals(4, started.size(), "all descendants recorded: " + started);
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(p -> alive(Long.parseLong(p))));
    }

    @Test
    void termIgnoringScriptIsKilledAfterTheGrace() throws Exception {
        Path s = ScriptFiles.shell(dir, "stubborn.sh", "trap '' TERM\nwhile :; do sleep 0.05; done");
        ScriptResult r = run(s.toString(), Duration.ofSeconds(2)); // the trap must be set before SIGTERM
        assertTrue(r.timedOut());
        assertEquals(9, r.signal());
    }

    @Test
    void doesNotBlockTheCaller() throws Exception {
        Path s = ScriptFiles.shell(dir, "slow.sh", "sleep 1");
        CompletableFuture<ScriptResult> f = runner.run(ScriptCommand.parse(s.toString()), LONG);
        assertFalse(f.isDone());
        assertTrue(f.get(60, TimeUnit.SECONDS).succeeded());
    }

    @Test
    void thousandRunsLeakNoDescriptorsOrProcesses() throws Exception {
        Path s = ScriptFiles.shell(dir, "quick.sh", "exit $(( $1 % 3 ))");
        runner.run(ScriptCommand.parse(s + " 0"), LONG).get(60, TimeUnit.SECONDS); // warm up JNA and threads
        long fdsBefore = openFds();
        for (int batch = 0; batch < 20; batch++) {
            List<CompletableFuture<ScriptResult>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(runner.run(ScriptCommand.parse(s + " " + i), LONG));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(i % 3, futures.get(i).get(60, TimeUnit.SECONDS).exitCode());
            }
        }
        assertEquals(0, ProcessHandle.current().children().count(), "no child left (zombie or running)");
        assertTrue(openFds() <= fdsBefore + 2, "fds before " + fdsBefore + " after " + openFds());
    }

    @Test
    void concurrentTimeoutsAllCompleteAndLeaveNoChild() throws Exception {
        Path s = ScriptFiles.shell(dir, "sleepy.sh", "sleep 300 & sleep 300");
        List<CompletableFuture<ScriptResult>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(runner.run(ScriptCommand.parse(s.toString()), Duration.ofSeconds(1)));
        }
        for (CompletableFuture<ScriptResult> f : futures) {
            assertTrue(f.get(60, TimeUnit.SECONDS).timedOut());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> alive(p.pid())));
    }

    @Test
    void configuredFromGlobalDefs() {
        assertEquals("nobody", ScriptRunner.configured("nobody", null, true).defaultUser().name());
        assertTrue(ScriptRunner.configured("nobody", null, true).scriptSecurity());
        assertEquals(PosixUser.defaultScriptUser(), ScriptRunner.configured(null, null, false).defaultUser());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScriptRunner.configured("no-such-user-vigil", null, false));
        assertEquals("Unable to set default user no-such-user-vigil for script", e.getMessage());
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Running and not a zombie (init may not reap promptly in containers). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
