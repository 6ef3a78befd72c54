package dev.vigil.daemon.it;

import java.io.IOException;
import java.util.List;

/** The VRRP daemons a lab host can run, each started through the same {@link VrrpNode} handle. */
public enum VrrpImpl {
    KEEPALIVED("keepalived") {
        @Override
        public VrrpNode start(NetLab lab, NetHost host, String config) throws IOException {
            return new KeepalivedVrrpNode(KeepalivedNode.start(lab, host, config));
        }

        @Override
        public boolean available() {
            return KeepalivedNode.installed();
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

    /** {@link KeepalivedNode} seen through the common handle. */
    private record KeepalivedVrrpNode(KeepalivedNode node) implements VrrpNode {
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
        public void close() {
            node.close();
        }
    }
}
