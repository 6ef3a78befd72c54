package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.daemon.lvs.CheckerSubsystem;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.reconcile.InMemoryIpvsKernel;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker (LVS) subsystem as a bean, started with the container when the configuration has virtual servers and
 * the checkers are not switched off ({@code -P}). A kernel without IPVS is one error line: the checker side is then
 * off and VRRP runs on. Stops (removing Vigil's services unless {@code -I}; {@code lvs_flush_on_stop}) when the
 * container closes; SIGHUP reloads keeping real servers' states. With {@code vigil.checkers.ipvs = none} the checkers
 * run against an {@link InMemoryIpvsKernel} instead (a host without IPVS: benchmarks).
 */
@Context
public final class CheckerService implements ConfigReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(CheckerService.class);

    private final IpvsClient client;
    private final CheckerSubsystem subsystem;

    /** With the kernel's IPVS (the default of {@code vigil.checkers.ipvs}). */
    public CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications) {
        this(options, current, notifications, VigilSettings.IpvsTarget.KERNEL);
    }

    @Inject
    public CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                          VigilSettings settings) {
        this(options, current, notifications, settings.checkers().ipvs());
    }

    private CheckerService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                           VigilSettings.IpvsTarget ipvs) {
        KeepalivedConfig config = current.config();
        if (!options.runsCheckers() || config.virtualServers().isEmpty()) {
            client = null;
            subsystem = null;
            return;
        }
        if (ipvs == VigilSettings.IpvsTarget.NONE) {
            // vigil.checkers.ipvs = none: checks and verdicts as usual, the table lives in memory only
            LOG.warn("IPVS is not programmed (vigil.checkers.ipvs = none): the checkers keep their table in memory");
            InMemoryIpvsKernel memory = new InMemoryIpvsKernel();
            CheckerSubsystem started = null;
            try {
                started = CheckerSubsystem.start(config, memory, memory, notifications.dispatcher(),
                        options.dontReleaseIpvs(), engineOptions(notifications));
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot start the checkers: {} (VRRP is unaffected)", e.toString());
            }
            client = null;
            subsystem = started;
            return;
        }
        IpvsClient opened;
        try {
            opened = IpvsClient.open();
        } catch (IOException e) {
            LOG.error("{}; health checks and IPVS are disabled (VRRP is unaffected)", e.getMessage());
            client = null;
            subsystem = null;
            return;
        }
        CheckerSubsystem started;
        try {
            started = CheckerSubsystem.start(config, opened, opened, notifications.dispatcher(),
                    options.dontReleaseIpvs(), engineOptions(notifications));
        } catch (IOException | RuntimeException e) {
            LOG.error("IPVS: cannot start the checkers: {}; health checks and IPVS are disabled (VRRP is unaffected)",
                    e.toString());
            opened.close();
            started = null;
            opened = null;
        }
        client = opened;
        subsystem = started;
    }

    private static HealthCheckerEngine.Options engineOptions(Notifications notifications) {
        HealthCheckerEngine.Options d = HealthCheckerEngine.Options.defaults();
        return new HealthCheckerEngine.Options(d.transport(), d.threads(), notifications.scriptRunner(), d.random(),
                d.heloName(), d.maxHttpBody(), d.tls());
    }

    /** Whether the checkers run in this daemon. */
    public boolean running() {
        return subsystem != null;
    }

    /** Every checked real server's state (empty when the checkers do not run). */
    public List<RealServerStatus> status() {
        return subsystem == null ? List.of() : subsystem.status();
    }

    /**
     * Seam for the VRRP side: call on every transition of a VRRP instance; the sync daemon bound to it
     * ({@code lvs_sync_daemon IF INSTANCE}) becomes master when it enters MASTER and backup when it leaves.
     */
    public void vrrpInstanceStateChanged(String instance, boolean master) {
        if (subsystem != null) {
            subsystem.vrrpInstanceStateChanged(instance, master);
        }
    }

    @Override
    public void configReloaded(LoadResult previous, LoadResult current) {
        if (subsystem == null) {
            if (!current.config().virtualServers().isEmpty() && client == null) {
                LOG.warn("Virtual servers configured but the checkers are not running: restart vigil to run them");
            }
            return;
        }
        try {
            subsystem.reload(current.config());
        } catch (IOException | RuntimeException e) {
            LOG.error("IPVS: reload failed: {}", e.toString());
        }
    }

    @PreDestroy
    public void stop() {
        if (subsystem != null) {
            subsystem.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
