package dev.vigil.daemon;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP subsystem as a bean, started with the container when the configuration has {@code vrrp_instance}s and
 * VRRP is not switched off ({@code -C}). SIGTERM/SIGINT stop it in order (priority-0 adverts, VIPs removed, STOP
 * notifies) before the daemon exits; SIGUSR2 writes {@value #STATS_FILE}.
 */
@Context
public final class VrrpService {
    private static final Logger LOG = LoggerFactory.getLogger(VrrpService.class);
    static final String STATS_FILE = "/tmp/keepalived.stats";
    static final Duration STOP_LIMIT = Duration.ofSeconds(2);

    private final VrrpRuntime runtime;

    public VrrpService(DaemonOptions options, CurrentConfig current, SignalRouter router, Notifications notifications) {
        KeepalivedConfig config = current.config();
        if (!options.runsVrrp() || config.vrrpInstances().isEmpty()) {
            runtime = null;
            return;
        }
        VrrpConfig vrrp;
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            vrrp = InstanceSpecs.from(config, new InterfaceLookup(route));
        } catch (ConfigMappingException | IOException e) {
            throw new VrrpStartException("Cannot start VRRP: " + e.getMessage(), e);
        }
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions runtimeOptions = new RuntimeOptions(!options.dontReleaseVrrp(), false, defaults.timerSlack(),
                defaults.realtimePriority());
        runtime = new VrrpRuntime(vrrp, new VrrpNotifier(notifications.dispatcher(), config), runtimeOptions,
                notifications.scriptRunner());
        try {
            runtime.start();
        } catch (IOException e) {
            throw new VrrpStartException("Cannot start VRRP: " + e.getMessage(), e);
        }
        router.on(VigilSignal.TERM, this::stop);
        router.on(VigilSignal.INT, this::stop);
        router.on(VigilSignal.USR2, this::writeStats);
    }

    /** Whether VRRP runs in this daemon. */
    public boolean running() {
        return runtime != null && runtime.isRunning();
    }

    /** Per-instance status for {@code vigil status} (empty when VRRP does not run). */
    public List<InstanceStatus> status() {
        return runtime == null ? List.of() : runtime.snapshot();
    }

    void writeStats() {
        if (runtime == null) {
            return;
        }
        try {
            Files.writeString(Path.of(STATS_FILE), runtime.statsText());
        } catch (IOException e) {
            LOG.error("Cannot write {}: {}", STATS_FILE, e.toString());
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
