package dev.vigil.ipvs.sync;

import dev.vigil.ipvs.model.SyncDaemonConfig;

import java.io.IOException;

/** The kernel side of the sync daemon: IPVS_CMD_NEW_DAEMON / DEL_DAEMON (implemented by the IPVS client). */
public interface SyncDaemonKernel {
    void startDaemon(SyncDaemonConfig config) throws IOException;

    void stopDaemon(SyncDaemonConfig.State state) throws IOException;
}
