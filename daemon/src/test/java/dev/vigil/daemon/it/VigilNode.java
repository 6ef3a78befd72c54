package dev.vigil.daemon.it;

import dev.vigil.linux.process.ProcessStopper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's daemon ({@code dev.vigil.daemon.Main -n -l -D -f conf}) running as a subprocess inside a lab host, from the
 * test class path (the packaging module is built after this one) with the launcher's JVM flags
 * ({@link LauncherFlags}). Its console log is captured to a file.
 */
public final class VigilNode implements AutoCloseable {
    private final NetHost host;
    private final Path log;
    private final Path conf;
    private final Process process;

    private VigilNode(NetHost host, Path log, Path conf, Process process) {
        this.host = host;
        this.log = log;
        this.conf = conf;
        this.process = process;
    }

    /** Starts the daemon with text logging on the console, detail lines on, pid file inside the lab dir. */
    public static VigilNode start(NetLab lab, NetHost host, String config) throws IOException {
        return start(lab, host, config, "text");
    }

    /** The same with {@code vigil.logging.format} = {@code format} (text or json). */
    public static VigilNode start(NetLab lab, NetHost host, String config, String format, String... extraArgs)
            throws IOException {
        Path dir = Files.createDirectories(lab.workDir().resolve("vigil-" + host.name()));
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        // Everything a node writes stays in its lab dir: status socket, and SIGUSR1/SIGUSR2 dumps ($TMPDIR).
        Path settings = Files.writeString(dir.resolve("vigil.conf"), "vigil.logging.format = " + format + "\n"
                + "vigil.status.socket = \"" + dir.resolve("vigil.sock") + "\"\n");
        Path log = dir.resolve("vigil.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "TMPDIR=" + dir, java));
        cmd.addAll(LauncherFlags.forThisJdk()); // exactly as bin/vigil starts it
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vigil.daemon.Main",
                "-n", "-l", "-D", "-f", conf.toString(), "--settings", settings.toString(),
                "-p", dir.resolve("vigil.pid").toString()));
        cmd.addAll(List.of(extraArgs));
        Process p = host.start(log, cmd.toArray(String[]::new));
        return new VigilNode(host, log, conf, p);
    }

    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public boolean logged(String fragment) throws IOException {
        return logLines().stream().anyMatch(l -> l.contains(fragment));
    }

    public String log() throws IOException {
        return String.join("\n", logLines());
    }

    public NetHost host() {
        return host;
    }

    /** Rewrites keepalived.conf and sends SIGHUP. */
    public void reload(String config) throws IOException, InterruptedException {
        Files.writeString(conf, config);
        if (new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor() != 0) {
            throw new IOException("kill -HUP " + process.pid() + " failed");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM to the java process (`ip netns exec` execs it in place, so the launched process is the JVM itself);
     * waits for it to exit and returns its exit code.
     */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    /** SIGKILL: a crash, no priority-0 advert. */
    public void kill() {
        ProcessStopper.kill(process);
    }

    /** Kills the daemon and prints its log to the test output (the lab directory is deleted afterwards). */
    @Override
    public void close() {
        kill();
        try {
            System.out.println("---- vigil log (" + host.name() + ") ----\n" + log());
        } catch (IOException e) {
            System.out.println("---- vigil log unreadable: " + e);
        }
    }
}
