package dev.vigil.daemon.it;

import dev.vigil.linux.testing.Keepalived;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The VRRP daemons a lab host can run, each started through the same {@link VrrpNode} handle. */
public enum VrrpImpl {
    KEEPALIVED("keepalived") {
        @Override
        public VrrpNode start(NetLab lab, NetHost host, String config) throws IOException {
            KeepalivedNode node = KeepalivedNode.start(lab, host, config);
            Keepalived keepalived = node.keepalived();
            // keepalived runs with $TMPDIR set to its own directory, so SIGUSR2 writes the stats file there
            return new LabVrrpNode(this, host, node::stop, node::kill, node::logLines, keepalived::vrrpPid,
                    keepalived.dir().resolve("keepalived.stats"), node::close);
        }

        @Override
        public boolean available() {
            return KeepalivedNode.installed();
        }
    },
    VIGIL("Vigil") {
        @Override
        public VrrpNode start(NetLab lab, NetHost host, String config) throws IOException {
            VigilNode node = VigilNode.start(lab, host, config);
            // VigilNode writes its pid file to <lab>/vigil-<host>/vigil.pid and sets $TMPDIR to that directory
            Path dir = lab.workDir().resolve("vigil-" + host.name());
            return new LabVrrpNode(this, host, node::stop, node::kill, node::logLines,
                    () -> readPid(dir.resolve("vigil.pid")), dir.resolve("keepalived.stats"), node::close);
        }

        @Override
        public boolean available() {
            return true; // runs from the test class path
        }
    };

    private final String label;

    VrrpImpl(String label) {
        this.label = label;
    }

    /** Starts the daemon in {@code host} with {@code config} (keepalived.conf text). */
    public abstract VrrpNode start(NetLab lab, NetHost host, String config) throws IOException;

    /** False when this implementation cannot run on this machine (not installed, runtime not built). */
    public abstract boolean available();

    public String label() {
        return label;
    }

    /** Reads a daemon's pid file. */
    static long readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            throw new IOException("no pid file " + pidFile + " (daemon not started yet?)");
        }
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** What differs between the daemons behind a {@link LabVrrpNode}. */
    @FunctionalInterface
    private interface Stop {
        void stop() throws InterruptedException;
    }

    @FunctionalInterface
    private interface Source<T> {
        T get() throws IOException;
    }

    /** Either lab daemon ({@link KeepalivedNode}, {@link VigilNode}) seen through the common handle. */
    private record LabVrrpNode(VrrpImpl impl, NetHost host, Stop stopper, Runnable killer, Source<List<String>> log,
                               Source<Long> vrrpPid, Path statsFile, Runnable closer) implements VrrpNode {
        @Override
        public void stop() throws InterruptedException {
            stopper.stop();
        }

        @Override
        public void kill() {
            killer.run();
        }

        @Override
        public List<String> logLines() throws IOException {
            return log.get();
        }

        @Override
        public long pid() throws IOException {
            return vrrpPid.get();
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
