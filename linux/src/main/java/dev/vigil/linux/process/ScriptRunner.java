package dev.vigil.linux.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts the way keepalived does ({@code system_call_script()} in lib/notify.c), without blocking the caller.
 *
 * <ul>
 *   <li>The script is checked and resolved by {@link ScriptSecurity} at run time (bare names path-searched with a
 *       warning); a disabled script completes at once with {@link ScriptResult#execError()} set.</li>
 *   <li>Executables with {@code #!} or ELF binaries are exec'd directly; a {@code </path} test or a file without
 *       shebang goes through {@code /bin/sh -c} like keepalived's {@code system()}.</li>
 *   <li>Each script starts a new session, so its process group id equals its pid (posix_spawn
 *       {@code POSIX_SPAWN_SETSID}); stdio is /dev/null, other descriptors are closed, and IFS, LD_PRELOAD and
 *       LD_LIBRARY_PATH are removed from the environment.</li>
 *   <li>User and group: {@code setpriv --reuid U --regid G --groups G} (util-linux) between spawn and the script,
 *       matching keepalived's setgid/setgroups(1)/setuid; setpriv also sets {@code PR_SET_PDEATHSIG=SIGTERM} so
 *       scripts die with Vigil. Spawning happens on one long-lived thread because the death signal fires when the
 *       spawning <em>thread</em> exits.</li>
 *   <li>On timeout: SIGTERM to the process group (and to any descendant that left it), then SIGKILL after the
 *       grace period; once the script itself has exited after SIGTERM the group is SIGKILLed at once, as
 *       keepalived's misc checker does. Without a timeout, background children of a script that exits normally are
 *       left alone, as in keepalived.</li>
 * </ul>
 */
public final class ScriptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private static final List<String> REMOVED_ENV = List.of("IFS", "LD_PRELOAD", "LD_LIBRARY_PATH");
    private static final String SHELL = "/bin/sh";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    /** The spawning thread never exits, so PR_SET_PDEATHSIG only fires when the JVM dies. */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> daemon(r, "vigil-script-launcher"));
    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-script-timer"));
    /** One thread blocks in waitid per running script; idle threads are recycled. */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(new WaiterThreads());

    private final PosixUser defaultUser;
    private final boolean enableScriptSecurity;
    private final Duration killGrace;
    private final boolean setprivAvailable = Files.isExecutable(Path.of(SETPRIV));

    /** keepalived's defaults: script user {@code keepalived_script} if it exists, no script security, 2 s grace. */
    public ScriptRunner() {
        this(PosixUser.defaultScriptUser(), false, DEFAULT_KILL_GRACE);
    }

    /**
     * @param defaultUser          user for commands that name none ({@code script_user} in global_defs)
     * @param enableScriptSecurity keepalived's {@code enable_script_security}
     * @param killGrace            time between SIGTERM and SIGKILL on timeout
     */
    public ScriptRunner(PosixUser defaultUser, boolean enableScriptSecurity, Duration killGrace) {
        this.defaultUser = Objects.requireNonNull(defaultUser);
        this.enableScriptSecurity = enableScriptSecurity;
        this.killGrace = Objects.requireNonNull(killGrace);
    }

    /**
     * A runner for global_defs {@code script_user USER [GROUP]} (both null when absent) and
     * {@code enable_script_security}.
     *
     * @throws IllegalArgumentException when the user or group does not exist (keepalived: "Unable to set default
     *                                  user")
     */
    public static ScriptRunner configured(String scriptUser, String scriptGroup, boolean enableScriptSecurity) {
        PosixUser user = scriptUser == null ? PosixUser.defaultScriptUser()
                : PosixUser.lookup(scriptUser, scriptGroup).orElseThrow(() -> new IllegalArgumentException(
                        "Unable to set default user " + scriptUser + (scriptGroup == null ? "" : ":" + scriptGroup)
                                + " for script"));
        return new ScriptRunner(user, enableScriptSecurity, DEFAULT_KILL_GRACE);
    }

    /** Whether keepalived's {@code enable_script_security} applies. */
    public boolean scriptSecurity() {
        return enableScriptSecurity;
    }

    /** The user scripts run as when they name none. */
    public PosixUser defaultUser() {
        return defaultUser;
    }

    /**
     * Starts {@code cmd}; the future completes when the script has exited (or could not start). Never blocks.
     *
     * @param timeout kill the script's process group after this long; {@code null} or zero means no limit
     */
    public CompletableFuture<ScriptResult> run(ScriptCommand cmd, Duration timeout) {
        CompletableFuture<ScriptResult> result = new CompletableFuture<>();
        LAUNCHER.execute(() -> {
            try {
                launch(cmd, timeout, result);
            } catch (RuntimeException | Error e) {
                result.complete(ScriptResult.notStarted(String.valueOf(e)));
            }
        });
        return result;
    }

    private void launch(ScriptCommand cmd, Duration timeout, CompletableFuture<ScriptResult> result) {
        ScriptSecurity.Verdict verdict = ScriptSecurity.evaluate(cmd, defaultUser, enableScriptSecurity);
        if (!verdict.runnable()) {
            result.complete(ScriptResult.notStarted(verdict.disabledReason()));
            return;
        }
        ResolvedScript script = verdict.script();
        List<String> argv;
        try {
            argv = commandLine(script);
        } catch (IOException e) {
            result.complete(ScriptResult.notStarted(e.getMessage()));
            return;
        }
        long start = System.nanoTime();
        int pid;
        try {
            pid = ProcessSpawner.spawn(argv, environment(System.getenv()));
        } catch (IOException e) {
            LOG.warn(e.getMessage());
            result.complete(ScriptResult.notStarted(e.getMessage()));
            return;
        }
        RunningScript running = new RunningScript(pid, start);
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            running.armTimeout(timeout);
        }
        WAITERS.execute(() -> result.complete(running.awaitResult()));
    }

    /** The argv actually spawned: optional setpriv, then the script or /bin/sh -c. */
    private List<String> commandLine(ResolvedScript script) throws IOException {
        List<String> argv = new ArrayList<>();
        PosixUser runAs = script.runAs();
        boolean changeIds = runAs.uid() != PosixLibC.INSTANCE.geteuid() || runAs.gid() != PosixLibC.INSTANCE.getegid();
        if (changeIds && PosixLibC.INSTANCE.geteuid() != 0) {
            throw cannotSetIds(script, "not running as root");
        }
        if (setprivAvailable) {
            argv.add(SETPRIV);
            argv.add("--pdeathsig=TERM");
            if (changeIds) {
                argv.add("--regid=" + runAs.gid());
                argv.add("--groups=" + runAs.gid());
                argv.add("--reuid=" + runAs.uid());
            }
            argv.add("--");
        } else if (changeIds) {
            throw cannotSetIds(script, SETPRIV + " not found");
        }
        if (script.viaShell()) {
            argv.add(SHELL);
            argv.add("-c");
            argv.add(script.shellCommand());
        } else {
            argv.addAll(script.argv());
        }
        return argv;
    }

    /** keepalived's "Unable to set uid:gid U:G for script S", with the reason. */
    private static IOException cannotSetIds(ResolvedScript script, String reason) {
        return new IOException("Unable to set uid:gid " + script.runAs().uid() + ":" + script.runAs().gid()
                + " for script " + script.argv().get(0) + " - " + reason);
    }

    /** The script environment: ours without the variables keepalived's callers strip. */
    static Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        REMOVED_ENV.forEach(env::remove);
        return env;
    }

    /**
     * One spawned script: its timeout handling and the wait for its exit. Signals are only sent under the lock
     * and before the script is reaped: until then its pid, and so its process group id, cannot be reused.
     */
    private final class RunningScript {
        private final int pid;
        private final long start;
        private boolean timedOut;
        private boolean reaped;
        private ScheduledFuture<?> timeoutTask;

        RunningScript(int pid, long start) {
            this.pid = pid;
            this.start = start;
        }

        synchronized void armTimeout(Duration timeout) {
            timeoutTask = TIMERS.schedule(this::onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void onTimeout() {
            if (reaped) {
                return;
            }
            timedOut = true;
            signalAll(PosixLibC.SIGTERM);
            TIMERS.schedule(this::forceKill, killGrace.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void forceKill() {
            if (!reaped) {
                signalAll(PosixLibC.SIGKILL);
            }
        }

        /** Signals the process group and any descendant that moved to another group or session. */
        private void signalAll(int signal) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants()
                    .forEach(d -> PosixLibC.INSTANCE.kill((int) d.pid(), signal)));
            ProcessSpawner.killGroup(pid, signal);
        }

        ScriptResult awaitResult() {
            ProcessSpawner.WaitStatus status = ProcessSpawner.awaitExit(pid);
            boolean killed;
            synchronized (this) {
                if (timeoutTask != null) {
                    timeoutTask.cancel(false);
                }
                killed = timedOut;
                if (killed) {
                    // Whatever the script left behind dies with it (keepalived: kill(-pid, SIGKILL)).
                    signalAll(PosixLibC.SIGKILL);
                }
                ProcessSpawner.reap(pid);
                reaped = true;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ScriptResult(status.exitCode(), status.signal(), killed, elapsed, null);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static final class WaiterThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return daemon(r, "vigil-script-wait-" + count.incrementAndGet());
        }
    }
}
