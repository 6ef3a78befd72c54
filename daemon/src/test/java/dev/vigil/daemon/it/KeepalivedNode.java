package dev.vigil.daemon.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real keepalived 2.2.7 (Debian's /usr/sbin/keepalived) running in a lab host as the interop peer. */
public final class KeepalivedNode implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/keepalived";
    private final NetHost host;
    private final Path log;
    private final Process process;

    private KeepalivedNode(NetHost host, Path log, Process process) {
        this.host = host;
        this.log = log;
        this.process = process;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /** Starts keepalived in the foreground with console and detailed logging; pid files stay inside the lab dir. */
    public static KeepalivedNode start(NetLab lab, NetHost host, String config) throws IOException {
        Path dir = Files.createDirectories(lab.workDir().resolve("ka-" + host.name()));
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path log = dir.resolve("keepalived.log");
        Process p = host.start(log, BINARY, "-n", "-l", "-D", "-f", conf.toString(),
                "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("check.pid").toString());
        return new KeepalivedNode(host, log, p);
    }

    /** Everything keepalived has logged so far. */
    public List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public boolean logged(String fragment) throws IOException {
        return logLines().stream().anyMatch(l -> l.contains(fragment));
    }

    public NetHost host() {
        return host;
    }

    /** SIGKILL to keepalived and its children: a hard failure, no priority-0 advert. */
    public void kill() {
        // `ip netns exec` execs keepalived in place, so the process is keepalived's parent itself. Never pkill by
        // name: namespaces share the PID space, and that would kill every keepalived on the machine.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** SIGTERM: keepalived's orderly stop (priority-0 advert, VIPs removed). */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        kill();
    }
}
