package dev.vigil.daemon;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.vrrp.config.ConfigMappingException;
import dev.vigil.vrrp.config.InstanceSpecs;
import dev.vigil.vrrp.config.VrrpConfig;
import dev.vigil.vrrp.runtime.InstanceStatus;
import dev.vigil.vrrp.runtime.RuntimeOptions;
import dev.vigil.vrrp.runtime.VrrpRuntime;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP subsystem as a bean, started with the container when the configuration has {@code vrrp_instance}s and
 * VRRP is not switched off ({@code -C}). When SIGTERM/SIGINT end the run, closing the container stops it in order
 * (after the daemon's {@code Stopping} line, as keepalived): priority-0 adverts, VIPs removed, STOP notifies, within
 * {@link #STOP_LIMIT}. SIGUSR2's stats file is written by
 * {@code StatusService}.
 */
@Context
public final class VrrpService implements ConfigReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpService.class);
    static final Duration STOP_LIMIT = Duration.ofSeconds(2);

    private final VrrpRuntime runtime;
    private final VrrpNotifier notifier;

    /**
     * @param checkers created first (its sync daemon starts as BACKUP before VRRP runs); follows MASTER transitions
     */
    public VrrpService(DaemonOptions options, CurrentConfig current, Notifications notifications,
                       CheckerService checkers) {
        KeepalivedConfig config = current.config();
        if (!options.runsVrrp() || config.vrrpInstances().isEmpty()) {
            runtime = null;
            notifier = null;
            return;
        }
        VrrpConfig vrrp;
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            vrrp = InstanceSpecs.from(config, new InterfaceLookup(route));
        } catch (ConfigMappingException | IOException e) {
            throw new VrrpStartException("Cannot start VRRP: " + e.getMessage(), e);
        }
        vrrp.warnings().forEach(w -> LOG.warn("{}", w));
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions runtimeOptions = new RuntimeOptions(!options.dontReleaseVrrp(), false, defaults.timerSlack(),
                defaults.realtimePriority());
        notifier = new VrrpNotifier(notifications.dispatcher(), config);
        notifier.followMaster(checkers::vrrpInstanceStateChanged);
        runtime = new VrrpRuntime(vrrp, notifier, runtimeOptions, notifications.scriptRunner());
        try {
            runtime.start();
        } catch (IOException e) {
            throw new VrrpStartException("Cannot start VRRP: " + e.getMessage(), e);
        }
    }

    /** Whether VRRP runs in this daemon. */
    public boolean running() {
        return runtime != null && runtime.isRunning();
    }

    /** Per-instance status for {@code vigil status} (empty when VRRP does not run). */
    public List<InstanceStatus> status() {
        return runtime == null ? List.of() : runtime.snapshot();
    }

    /** SIGHUP: new settings for the running instances (see {@link VrrpRuntime#reload}). */
    @Override
    public void configReloaded(LoadResult previous, LoadResult current) {
        if (runtime == null) {
            if (!current.config().vrrpInstances().isEmpty()) {
                LOG.warn("VRRP instances added by reload: restart vigil to run them");
            }
            return;
        }
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            VrrpConfig next = InstanceSpecs.from(current.config(), new InterfaceLookup(route));
            notifier.update(current.config());
            runtime.reload(next);
        } catch (ConfigMappingException | IOException e) {
            LOG.error("VRRP keeps its previous configuration: {}", e.getMessage());
        }
    }


    @PreDestroy
    public void stop() {
        if (runtime != null && runtime.isRunning()) {
            runtime.shutdown(STOP_LIMIT);
        }
    }

    /** VRRP could not start (bad interface, no permission for raw sockets ...); the daemon exits. */
    public static final class VrrpStartException extends RuntimeException {
        VrrpStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
