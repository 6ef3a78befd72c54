package dev.vigil.linux.testing;

import static org.awaitility.Awaitility.await;

import dev.vigil.linux.process.CommandRunner;
import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Real keepalived 2.2.7 (Debian's /usr/sbin/keepalived) as a test peer, running in the foreground inside a test
 * namespace (or, in the QEMU guest of the IPVS tests, in the JVM's own). Everything it writes stays in one directory: keepalived.conf, its console log (keepalived.log), its pid
 * files (keepalived.pid, vrrp.pid, checkers.pid) and, since $TMPDIR points there, the SIGUSR1/SIGUSR2 dumps
 * (keepalived.data, keepalived.stats).
 */
public final class Keepalived implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/keepalived");

    private final Process process;
    private final Path dir;
    private final boolean ownsDir;

    private Keepalived(Process process, Path dir, boolean ownsDir) {
        this.process = process;
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** keepalived's VRRP process only ({@code -P}), detailed log, in a temporary directory removed on close. */
    public static Keepalived start(Netns ns, String config) throws IOException {
        return start(ns, Files.createTempDirectory("vgl-keepalived"), true, config, "-D", "-P");
    }

    /**
     * keepalived with its files in {@code dir} (kept after close), logging to the console ({@code -n -l}) plus
     * {@code options}: e.g. {@code -D} for detail, {@code -P} for VRRP only, {@code -C} for the checkers only.
     */
    public static Keepalived start(Netns ns, Path dir, String config, String... options) throws IOException {
        return start(ns, dir, false, config, options);
    }

    /** The same in this JVM's own network namespace (e.g. inside the QEMU guest of the IPVS tests). */
    public static Keepalived startHere(Path dir, String config, String... options) throws IOException {
        return start(null, dir, false, config, options);
    }

    private static Keepalived start(Netns ns, Path dir, boolean ownsDir, String config, String... options)
            throws IOException {
        Files.createDirectories(dir);
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        List<String> cmd = new ArrayList<>(List.of("env", "TMPDIR=" + dir, BINARY.toString(), "-n", "-l",
                "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("checkers.pid").toString()));
        cmd.addAll(List.of(options));
        // `ip netns exec` and env exec in place: the process is keepalived's parent process itself
        Path log = dir.resolve("keepalived.log");
        Process p = ns != null ? ns.start(log, cmd.toArray(String[]::new))
                : new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Keepalived(p, dir, ownsDir);
    }

    /** Where keepalived keeps its files. */
    public Path dir() {
        return dir;
    }

    /** Everything keepalived logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("keepalived.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public List<String> logLines() throws IOException {
        return log().lines().toList();
    }

    public boolean logged(String fragment) throws IOException {
        return log().contains(fragment);
    }

    /** Waits until keepalived logs {@code fragment} (e.g. "(VI_1) Entering MASTER STATE"); fails with its log. */
    public void awaitLogged(String fragment, Duration timeout) throws IOException {
        try {
            await().atMost(timeout).until(() -> logged(fragment) || !isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("keepalived did not log '" + fragment + "' within " + timeout + ":\n" + log(), e);
        }
        if (!logged(fragment)) {
            throw new AssertionError("keepalived exited (" + process.exitValue() + ") before logging '" + fragment
                    + "':\n" + log());
        }
    }

    /** The pid of keepalived's VRRP child (the one SIGUSR1/SIGUSR2 dump from), from its pid file. */
    public long vrrpPid() throws IOException {
        Path pidFile = dir.resolve("vrrp.pid");
        if (!Files.exists(pidFile)) {
            throw new IOException("no pid file " + pidFile + " (keepalived not started yet?)");
        }
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** The parent keepalived process. */
    public long pid() {
        return process.pid();
    }

    /** Sends signal {@code name} (e.g. "USR1") to keepalived's parent process, which passes it to its children. */
    public void signal(String name) throws IOException {
        CommandRunner.Result r = Exec.run(List.of("kill", "-" + name, Long.toString(pid())), Duration.ofSeconds(10));
        if (!r.ok()) {
            throw new IOException("kill -" + name + " " + pid() + ": " + r.output());
        }
    }

    /** Rewrites keepalived.conf and sends SIGHUP: keepalived's reload. */
    public void reload(String config) throws IOException {
        Files.writeString(dir.resolve("keepalived.conf"), config);
        signal("HUP");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM: keepalived's orderly stop (priority-0 advert, VIPs and IPVS services removed); SIGKILL when not gone
     * within 30 s.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL to keepalived and its children: a hard failure, no priority-0 advert, VIPs left behind. */
    public void kill() {
        // Never pkill by name: namespaces share the PID space, and that would kill every keepalived on the machine.
        ProcessStopper.kill(process);
    }

    /** Stops keepalived if it still runs and removes its directory when it was a temporary one. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        if (ownsDir) {
            Dirs.deleteTree(dir);
        }
    }
}
