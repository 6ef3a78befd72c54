package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.linux.Errno;
import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.vrrp.config.ConfigMappingException;
import dev.vigil.vrrp.config.InstanceSpecs;
import dev.vigil.vrrp.config.VrrpConfig;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.runtime.InstanceStatus;
import dev.vigil.vrrp.runtime.RuntimeOptions;
import dev.vigil.vrrp.runtime.VrrpRuntime;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP subsystem as a bean, started with the container when the configuration has {@code vrrp_instance}s and
 * VRRP is not switched off ({@code -C}); a reload that adds the first instances starts it then. When SIGTERM/SIGINT
 * end the run, closing the container stops it in order (after the daemon's {@code Stopping} line, as keepalived):
 * priority-0 adverts, VIPs removed, STOP notifies, within {@link #STOP_LIMIT}. SIGUSR2's stats file is written by
 * {@code StatusService}. If the VRRP thread dies, the {@link Supervisor} has it restarted: a new runtime from the
 * current configuration, which removes the VIPs its predecessor left and elects again (keepalived's respawned VRRP
 * child does the same).
 */
@Context
public final class VrrpService implements ConfigReloadListener, Supervisor.Restartable {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpService.class);
    static final Duration STOP_LIMIT = Duration.ofSeconds(2);
    static final Duration RELOAD_LIMIT = Duration.ofSeconds(5);

    private final DaemonOptions options;
    private final CurrentConfig current;
    private final Notifications notifications;
    private final CheckerService checkers;
    private final Supervisor supervisor;
    private final VrrpNotifier notifier;
    private volatile VrrpRuntime runtime;

    /**
     * @param checkers created first (its sync daemon starts as BACKUP before VRRP runs); follows MASTER transitions
     */
    public VrrpService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                       CheckerService checkers, Supervisor supervisor) {
        this.options = options;
        this.current = current;
        this.notifications = notifications;
        this.checkers = checkers;
        this.supervisor = supervisor;
        KeepalivedConfig config = current.config();
        if (!options.runsVrrp()) {
            notifier = null;
            return;
        }
        notifier = new VrrpNotifier(notifications.dispatcher(), config);
        notifier.followMaster(checkers::vrrpInstanceStateChanged);
        if (!config.vrrpInstances().isEmpty()) {
            startFirst(config);
        }
    }

    /** The first start: a failure ends the daemon ({@link VrrpStartException}). */
    private void startFirst(KeepalivedConfig config) {
        supervisor.watch(this);
        try {
            runtime = startRuntime(config);
        } catch (Supervisor.StartFailure e) {
            throw new VrrpStartException(e.getMessage(), e.permanent() ? e.exitCode() : ExitCodes.FATAL, e.getCause());
        }
    }

    /** Maps and starts a runtime for {@code config}; its death is reported to the supervisor. */
    private VrrpRuntime startRuntime(KeepalivedConfig config) throws Supervisor.StartFailure {
        VrrpConfig vrrp;
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            vrrp = InstanceSpecs.from(config, new InterfaceLookup(route));
        } catch (ConfigMappingException e) {
            throw new Supervisor.StartFailure("Cannot start VRRP: " + e.getMessage(), ExitCodes.CONFIG, e);
        } catch (IOException e) {
            throw new Supervisor.StartFailure("Cannot start VRRP: " + e.getMessage(), exitCode(e), e);
        }
        vrrp.warnings().forEach(w -> LOG.warn("{}", w));
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions runtimeOptions = new RuntimeOptions(!options.dontReleaseVrrp(), false, defaults.timerSlack(),
                defaults.realtimePriority());
        VrrpRuntime started = new VrrpRuntime(vrrp, notifier, runtimeOptions, notifications.scriptRunner());
        try {
            started.start();
        } catch (IOException e) {
            throw new Supervisor.StartFailure("Cannot start VRRP: " + e.getMessage(), exitCode(e), e);
        }
        started.stopped().whenComplete((done, fault) -> {
            if (fault != null) {
                supervisor.died(this, fault instanceof CompletionException c ? c.getCause() : fault);
            }
        });
        return started;
    }

    /** Missing privileges are permanent (keepalived's MISSING_PERMISSION); other socket failures may pass. */
    private static int exitCode(IOException e) {
        if (e instanceof ErrnoException errno && (errno.errno() == Errno.EPERM || errno.errno() == Errno.EACCES)) {
            return ExitCodes.MISSING_PERMISSION;
        }
        return ExitCodes.OK;
    }

    @Override
    public String name() {
        return "VRRP";
    }

    /**
     * The VRRP thread died: a new runtime from the current configuration. The sync daemon follows the dead
     * runtime's MASTERs out of MASTER; the new runtime removes their VIPs and elects again.
     */
    @Override
    public void restart() throws Supervisor.StartFailure {
        VrrpRuntime dead = runtime;
        if (dead != null) {
            dead.snapshot().stream().filter(s -> s.state() == VrrpState.MASTER)
                    .forEach(s -> checkers.vrrpInstanceStateChanged(s.name(), false));
        }
        runtime = startRuntime(current.config());
    }

    /** Fault-injection seam for supervision tests: the VRRP thread dies as an uncaught bug would kill it. */
    void injectFault() {
        VrrpRuntime r = runtime;
        if (r != null) {
            r.injectFault();
        }
    }

    /** Whether VRRP runs in this daemon. */
    public boolean running() {
        VrrpRuntime r = runtime;
        return r != null && r.isRunning();
    }

    /** Per-instance status for {@code vigil status} (empty when VRRP does not run). */
    public List<InstanceStatus> status() {
        VrrpRuntime r = runtime;
        return r == null ? List.of() : r.snapshot();
    }

    /**
     * SIGHUP: running instances take their new settings, removed ones stop, new ones start (see
     * {@link VrrpRuntime#reload}); the first instances of a daemon that had none start VRRP.
     */
    @Override
    public void configReloaded(LoadResult previous, LoadResult next) {
        if (notifier == null) {
            return; // -C
        }
        notifier.update(next.config());
        VrrpRuntime r = runtime;
        if (r == null) {
            if (!next.config().vrrpInstances().isEmpty()) {
                try {
                    startFirst(next.config());
                } catch (VrrpStartException e) {
                    LOG.error("{}", e.getMessage());
                }
            }
            return;
        }
        VrrpConfig mapped;
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            mapped = InstanceSpecs.from(next.config(), new InterfaceLookup(route));
        } catch (ConfigMappingException | IOException e) {
            LOG.error("VRRP keeps its previous configuration: {}", e.getMessage());
            return;
        }
        if (!r.isRunning()) {
            return; // dead, awaiting its restart, which reads the new configuration
        }
        try { // "Reload complete" (and systemd's READY) only once VRRP has applied it
            r.reload(mapped).get(RELOAD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("VRRP has not applied the reload within {} ms; it will", RELOAD_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    public void stop() {
        VrrpRuntime r = runtime;
        if (r != null && r.isRunning()) {
            r.shutdown(STOP_LIMIT);
        }
    }

    /** VRRP could not start (bad interface, no permission for raw sockets ...); the daemon exits. */
    public static final class VrrpStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        VrrpStartException(String message, int exitCode, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        /** keepalived's exit code for it: CONFIG, MISSING_PERMISSION or FATAL. */
        public int exitCode() {
            return exitCode;
        }
    }
}
