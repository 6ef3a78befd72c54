package dev.vigil.daemon;

import dev.vigil.ipvs.model.IpvsTimeouts;
import dev.vigil.ipvs.netlink.IpvsException;
import dev.vigil.ipvs.reconcile.ForwardingIpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsOperation;
import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import java.io.IOException;
import java.util.List;

/**
 * The kernel as one checker generation sees it. When that generation dies, the supervisor {@link #close()}s its
 * gate before stopping it, so its teardown (deleting services, stopping the sync daemon) never reaches the kernel:
 * the next generation adopts the live table instead, and no live real server is dropped. Its notifications are
 * gated the same way ({@link Notifications#dispatcher(java.util.function.BooleanSupplier)}).
 */
final class IpvsGate extends ForwardingIpvsKernel implements SyncDaemonKernel, AutoCloseable {
    private final SyncDaemonKernel syncKernel;
    private volatile boolean open = true;

    IpvsGate(IpvsKernel kernel, SyncDaemonKernel syncKernel) {
        super(kernel);
        this.syncKernel = syncKernel;
    }

    @Override
    public void apply(IpvsOperation op) throws IOException {
        if (open) {
            super.apply(op);
        }
    }

    @Override
    public List<IpvsException> applyAll(List<IpvsOperation> ops) throws IOException {
        return open ? super.applyAll(ops) : List.of();
    }

    @Override
    public void setTimeouts(IpvsTimeouts timeouts) throws IOException {
        if (open) {
            super.setTimeouts(timeouts);
        }
    }

    @Override
    public void startDaemon(SyncDaemonConfig config) throws IOException {
        if (open) {
            syncKernel.startDaemon(config);
        }
    }

    @Override
    public void stopDaemon(SyncDaemonConfig.State state) throws IOException {
        if (open) {
            syncKernel.stopDaemon(state);
        }
    }

    /** False once closed. */
    boolean isOpen() {
        return open;
    }

    /** From now on changes are dropped; reads still pass. */
    @Override
    public void close() {
        open = false;
    }
}
