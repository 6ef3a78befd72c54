package dev.vigil.daemon.it;

import dev.vigil.linux.testing.Keepalived;
import java.io.IOException;
import java.util.List;

/**
 * A real keepalived 2.2.7 (Debian's /usr/sbin/keepalived) running in a lab host as the interop peer: the shared
 * {@link Keepalived} fixture with its files in {@code <lab>/ka-<host>/}.
 */
public final class KeepalivedNode implements AutoCloseable {
    public static final String BINARY = Keepalived.BINARY.toString();
    private final NetHost host;
    private final Keepalived keepalived;

    private KeepalivedNode(NetHost host, Keepalived keepalived) {
        this.host = host;
        this.keepalived = keepalived;
    }

    public static boolean installed() {
        return Keepalived.installed();
    }

    /** Starts keepalived (VRRP and checkers) in the foreground with console and detailed logging. */
    public static KeepalivedNode start(NetLab lab, NetHost host, String config) throws IOException {
        return new KeepalivedNode(host,
                Keepalived.start(host.netns(), lab.workDir().resolve("ka-" + host.name()), config, "-D"));
    }

    /** The running keepalived: its files, pids, signals and log. */
    public Keepalived keepalived() {
        return keepalived;
    }

    /** Everything keepalived has logged so far. */
    public List<String> logLines() throws IOException {
        return keepalived.logLines();
    }

    public boolean logged(String fragment) throws IOException {
        return keepalived.logged(fragment);
    }

    public NetHost host() {
        return host;
    }

    /** SIGKILL to keepalived and its children: a hard failure, no priority-0 advert. */
    public void kill() {
        keepalived.kill();
    }

    /** SIGTERM: keepalived's orderly stop (priority-0 advert, VIPs removed). */
    public void stop() throws InterruptedException {
        keepalived.stop();
    }

    @Override
    public void close() {
        kill();
    }
}
