package dev.vigil.daemon.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The VRRP daemons a lab host can run, each started through the same {@link VrrpNode} handle. */
public enum VrrpImpl {
    KEEPALIVED("keepalived") {
        @Override
        public VrrpNode start(NetLab lab, NetHost host, String config) throws IOException {
            // KeepalivedNode keeps its pid files in <lab>/ka-<host>/; vrrp.pid is the VRRP child's.
            return new KeepalivedVrrpNode(KeepalivedNode.start(lab, host, config),
                    lab.workDir().resolve("ka-" + host.name()).resolve("vrrp.pid"));
        }

        @Override
        public boolean available() {
            return KeepalivedNode.installed();
        }
    },
    VIGIL("Vigil") {
        @Override
        public VrrpNode start(NetLab lab, NetHost host, String config) throws IOException {
            // VigilNode writes its pid file to <lab>/vigil-<host>/vigil.pid.
            return new VigilVrrpNode(VigilNode.start(lab, host, config),
                    lab.workDir().resolve("vigil-" + host.name()).resolve("vigil.pid"));
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

    /** {@link KeepalivedNode} seen through the common handle. */
    private record KeepalivedVrrpNode(KeepalivedNode node, Path pidFile) implements VrrpNode {
        @Override
        public VrrpImpl impl() {
            return KEEPALIVED;
        }

        @Override
        public NetHost host() {
            return node.host();
        }

        @Override
        public void stop() throws InterruptedException {
            node.stop();
        }

        @Override
        public void kill() {
            node.kill();
        }

        @Override
        public List<String> logLines() throws IOException {
            return node.logLines();
        }

        @Override
        public long pid() throws IOException {
            return readPid(pidFile);
        }

        @Override
        public void close() {
            node.close();
        }
    }

    /** {@link VigilNode} seen through the common handle. */
    private record VigilVrrpNode(VigilNode node, Path pidFile) implements VrrpNode {
        @Override
        public VrrpImpl impl() {
            return VIGIL;
        }

        @Override
        public NetHost host() {
            return node.host();
        }

        @Override
        public void stop() throws InterruptedException {
            node.stop();
        }

        @Override
        public void kill() {
            node.kill();
        }

        @Override
        public List<String> logLines() throws IOException {
            return node.logLines();
        }

        @Override
        public long pid() throws IOException {
            return readPid(pidFile);
        }

        /** VigilNode runs the daemon with $TMPDIR set to its own lab dir, beside the pid file. */
        @Override
        public Path statsFile() {
            return pidFile.resolveSibling("keepalived.stats");
        }

        @Override
        public void close() {
            node.close();
        }
    }
}
