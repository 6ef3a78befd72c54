package dev.vigil.daemon.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A VRRP daemon running in a lab host, whichever implementation it is: the common handle the interop tests and the
 * failover benchmark drive, so one scenario runs against keepalived and Vigil alike. Start one with
 * {@link VrrpImpl#start}.
 */
public interface VrrpNode extends AutoCloseable {
    /** The implementation behind this node. */
    VrrpImpl impl();

    NetHost host();

    /** SIGTERM, the orderly stop (priority-0 advert, VIPs removed); waits for the process to exit. */
    void stop() throws InterruptedException;

    /** SIGKILL to the daemon and its children: a hard failure, no priority-0 advert, VIPs left behind. */
    void kill();

    /** Everything the daemon has logged on its console so far. */
    List<String> logLines() throws IOException;

    /** The pid to signal for VRRP (SIGUSR2 stats): Vigil's JVM, keepalived's VRRP child. */
    long pid() throws IOException;

    /** Where SIGUSR2 makes this node write its VRRP stats: keepalived 2.2.7's /tmp unless the node sets $TMPDIR. */
    default Path statsFile() {
        return Path.of("/tmp/keepalived.stats");
    }

    /** Sends a signal (e.g. "USR2") to {@link #pid()}. */
    default void signal(String name) throws IOException {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("kill -" + name + " " + pid() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    default boolean logged(String fragment) throws IOException {
        return logLines().stream().anyMatch(l -> l.contains(fragment));
    }

    /** Kills the daemon if it still runs. */
    @Override
    void close();
}
