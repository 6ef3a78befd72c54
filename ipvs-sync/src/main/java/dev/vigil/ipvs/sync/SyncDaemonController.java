package dev.vigil.ipvs.sync;

import dev.vigil.ipvs.model.SyncDaemonConfig;
import dev.vigil.ipvs.model.SyncDaemonConfig.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Drives the kernel's IPVS connection-sync daemons as keepalived's {@code lvs_sync_daemon} does.
 * <ul>
 *   <li>Bound to a VRRP instance: a BACKUP daemon at start; on becoming MASTER stop backup, start master; on leaving
 *       MASTER stop master, start backup; at exit stop whatever runs.</li>
 *   <li>Not bound: both daemons at start (after stopping stale ones a previous run left), both stopped at exit.</li>
 * </ul>
 * Kernel refusals are logged and do not stop the daemon; the controller's view follows what the kernel accepted.
 * Not thread-safe: call from one thread (the VRRP event loop).
 */
public final class SyncDaemonController {
    private static final Logger LOG = LoggerFactory.getLogger(SyncDaemonController.class);

    private final SyncDaemonConfig template;
    private final boolean boundToInstance;
    private final SyncDaemonKernel kernel;
    private final Set<State> running = EnumSet.noneOf(State.class);

    /**
     * @param template        interface, syncid, maxlen, group, port, ttl (its state is ignored)
     * @param boundToInstance true when {@code lvs_sync_daemon} names a VRRP instance
     */
    public SyncDaemonController(SyncDaemonConfig template, boolean boundToInstance, SyncDaemonKernel kernel) {
        this.template = template;
        this.boundToInstance = boundToInstance;
        this.kernel = kernel;
    }

    public void start() {
        if (boundToInstance) {
            startDaemon(State.BACKUP);
            return;
        }
        // A previous run killed without cleanup may have left daemons behind; the kernel refuses a second one.
        stopQuietly(State.MASTER);
        stopQuietly(State.BACKUP);
        startDaemon(State.MASTER);
        startDaemon(State.BACKUP);
    }

    /** The bound VRRP instance changed state; only the transitions into and out of MASTER matter. */
    public void instanceStateChanged(boolean master) {
        if (!boundToInstance) {
            return;
        }
        if (master && !running.contains(State.MASTER)) {
            stopDaemon(State.BACKUP);
            startDaemon(State.MASTER);
        } else if (!master && running.contains(State.MASTER)) {
            stopDaemon(State.MASTER);
            startDaemon(State.BACKUP);
        }
    }

    public void stop() {
        for (State s : EnumSet.copyOf(running)) {
            stopDaemon(s);
        }
    }

    /** Daemons the kernel accepted and that were not stopped since. */
    public Set<State> running() {
        return EnumSet.copyOf(running);
    }

    private void startDaemon(State state) {
        SyncDaemonConfig config = template.withState(state);
        try {
            kernel.startDaemon(config);
            running.add(state);
            LOG.info("IPVS: started {} sync daemon (mcast={}, syncid={})", state.lowerName(), config.mcastIfn(),
                    config.syncId());
        } catch (IOException e) {
            LOG.error("IPVS: cannot start {} sync daemon on {}: {}", state.lowerName(), config.mcastIfn(),
                    e.getMessage());
        }
    }

    private void stopDaemon(State state) {
        if (!running.remove(state)) {
            return;
        }
        try {
            kernel.stopDaemon(state);
            LOG.info("IPVS: stopped {} sync daemon", state.lowerName());
        } catch (IOException e) {
            LOG.error("IPVS: cannot stop {} sync daemon: {}", state.lowerName(), e.getMessage());
        }
    }

    private void stopQuietly(State state) {
        try {
            kernel.stopDaemon(state);
        } catch (IOException e) {
            LOG.debug("IPVS: no stale {} sync daemon to stop ({})", state.lowerName(), e.getMessage());
        }
    }
}
