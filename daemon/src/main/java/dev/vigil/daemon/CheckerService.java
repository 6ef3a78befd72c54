package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.daemon.lvs.CheckerSnapshot;
import dev.vigil.daemon.lvs.CheckerSubsystem;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.reconcile.InMemoryIpvsKernel;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker (LVS) subsystem as a bean, started with the container when the configuration has virtual servers and
 * the checkers are not switched off ({@code -P}). A kernel without IPVS is one error line: the checker side is then
 * off and VRRP runs on. Stops (removing Vigil's services unless {@code -I}; {@code lvs_flush_on_stop}) when the
 * container closes; SIGHUP reloads keeping real servers' states. If its IPVS or checker thread dies, the
 * {@link Supervisor} has it restarted: the dead generation is cut off from the kernel ({@link IpvsGate}) and stopped,
 * and a new one adopts the live IPVS table. With {@code vigil.checkers.ipvs = none} the checkers run against an
 * {@link InMemoryIpvsKernel} instead (a host without IPVS: benchmarks).
 */
@Context
public final class CheckerService implements ConfigReloadListener, Supervisor.Restartable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckerService.class);
    /** The checker subsystem's own threads (CheckerSubsystem's IPVS thread, the engine's ICMP thread). */
    private static final Set<String> THREADS = Set.of("vigil-ipvs", "vigil-ping");

    private final DaemonOptions options;
    private final CurrentConfig current;
    private final Notifications notifications;
    private final IpvsKernel kernel;
    private final SyncDaemonKernel syncKernel;
    private final AutoCloseable kernelConnection;
    private volatile IpvsGate gate;
    private volatile CheckerSubsystem subsystem;

    /** With the kernel's IPVS (the default of {@code vigil.checkers.ipvs}). */
    public CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                          Supervisor supervisor) {
        this(options, current, notifications, supervisor, kernelAccess(options, current,
                VigilSettings.IpvsTarget.KERNEL));
    }

    @Inject
    public CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                          Supervisor supervisor, VigilSettings settings) {
        this(options, current, notifications, supervisor, kernelAccess(options, current,
                settings.checkers().ipvs()));
    }

    private CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                           Supervisor supervisor, KernelAccess access) {
        this(options, current, notifications, supervisor, access.ipvs(), access.sync(), access.connection());
    }

    /** What the checkers program: the kernel's IPVS, an in-memory table, or nothing (all null). */
    private record KernelAccess(IpvsKernel ipvs, SyncDaemonKernel sync, AutoCloseable connection) {
    }

    private static KernelAccess kernelAccess(DaemonOptions options, CurrentConfig current,
                                             VigilSettings.IpvsTarget target) {
        if (target == VigilSettings.IpvsTarget.NONE && options.runsCheckers()
                && !current.config().virtualServers().isEmpty()) {
            // vigil.checkers.ipvs = none: checks and verdicts as usual, the table lives in memory only
            LOG.warn("IPVS is not programmed (vigil.checkers.ipvs = none): the checkers keep their table in memory");
            InMemoryIpvsKernel memory = new InMemoryIpvsKernel();
            return new KernelAccess(memory, memory, null);
        }
        IpvsClient client = openIpvs(options, current);
        return new KernelAccess(client, client, client);
    }

    /**
     * @param kernel           IPVS, or null when the checkers do not run
     * @param kernelConnection closed when the service stops
     */
    CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications, Supervisor supervisor,
                   IpvsKernel kernel, SyncDaemonKernel syncKernel, AutoCloseable kernelConnection) {
        this.options = options;
        this.current = current;
        this.notifications = notifications;
        IpvsKernel started = kernel;
        if (kernel != null) {
            try {
                start(current.config(), kernel, syncKernel);
                supervisor.watch(this, t -> THREADS.contains(t.getName()));
            } catch (IOException | RuntimeException e) {
                LOG.error("IPVS: cannot start the checkers: {}; health checks and IPVS are disabled (VRRP is "
                        + "unaffected)", e.toString());
                close(kernelConnection);
                started = null;
            }
        }
        this.kernel = started;
        this.syncKernel = syncKernel;
        this.kernelConnection = started == null ? null : kernelConnection;
    }

    /** The IPVS client when the checkers have work here, else null (a kernel without IPVS is one error line). */
    private static IpvsClient openIpvs(DaemonOptions options, CurrentConfig current) {
        if (!options.runsCheckers() || current.config().virtualServers().isEmpty()) {
            return null;
        }
        try {
            return IpvsClient.open();
        } catch (IOException e) {
            LOG.error("{}; health checks and IPVS are disabled (VRRP is unaffected)", e.getMessage());
            return null;
        }
    }

    /** A checker generation behind its own gate. */
    private void start(KeepalivedConfig config, IpvsKernel ipvs, SyncDaemonKernel sync) throws IOException {
        IpvsGate next = new IpvsGate(ipvs, sync);
        subsystem = CheckerSubsystem.start(config, next, next, notifications.dispatcher(next::isOpen),
                options.dontReleaseIpvs(), engineOptions(notifications));
        gate = next;
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing IPVS: {}", e.toString());
        }
    }

    private static HealthCheckerEngine.Options engineOptions(Notifications notifications) {
        HealthCheckerEngine.Options d = HealthCheckerEngine.Options.defaults();
        return new HealthCheckerEngine.Options(d.transport(), d.threads(), notifications.scriptRunner(), d.random(),
                d.heloName(), d.maxHttpBody(), d.tls());
    }

    @Override
    public String name() {
        return "Healthcheck";
    }

    /**
     * A checker thread died: the dead generation is cut off from the kernel and stopped (its checks end, its
     * teardown goes nowhere), then a new one starts from the current configuration and adopts the live table.
     */
    @Override
    public void restart() throws Supervisor.StartFailure {
        IpvsGate dead = gate;
        if (dead != null) {
            dead.close();
        }
        CheckerSubsystem old = subsystem;
        if (old != null) {
            old.close();
        }
        try {
            start(current.config(), kernel, syncKernel);
        } catch (IOException | RuntimeException e) {
            throw new Supervisor.StartFailure("Cannot start the checkers: " + e, ExitCodes.OK, e);
        }
    }

    /** Whether the checkers run in this daemon. */
    public boolean running() {
        return subsystem != null;
    }

    /** Every checked real server's state (empty when the checkers do not run). */
    public List<RealServerStatus> status() {
        CheckerSubsystem s = subsystem;
        return s == null ? List.of() : s.status();
    }

    /** The checker side's published state (quorum, sorry server, ha_suspend); empty when the checkers do not run. */
    public CheckerSnapshot snapshot() {
        CheckerSubsystem s = subsystem;
        return s == null ? CheckerSnapshot.EMPTY : s.snapshot();
    }

    /**
     * Seam for the VRRP side: call on every transition of a VRRP instance; the sync daemon bound to it
     * ({@code lvs_sync_daemon IF INSTANCE}) becomes master when it enters MASTER and backup when it leaves.
     */
    public void vrrpInstanceStateChanged(String instance, boolean master) {
        CheckerSubsystem s = subsystem;
        if (s != null) {
            s.vrrpInstanceStateChanged(instance, master);
        }
    }

    @Override
    public void configReloaded(LoadResult previous, LoadResult next) {
        CheckerSubsystem s = subsystem;
        if (s == null) {
            if (!next.config().virtualServers().isEmpty() && kernel == null) {
                LOG.warn("Virtual servers configured but the checkers are not running: restart vigil to run them");
            }
            return;
        }
        try {
            s.reload(next.config());
        } catch (IOException | RuntimeException e) {
            LOG.error("IPVS: reload failed: {}", e.toString());
        }
    }

    @PreDestroy
    public void stop() {
        CheckerSubsystem s = subsystem;
        if (s != null) {
            s.close();
        }
        close(kernelConnection);
    }
}
