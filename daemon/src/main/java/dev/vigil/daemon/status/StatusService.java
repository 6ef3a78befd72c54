package dev.vigil.daemon.status;

import dev.vigil.conf.LoadResult;
import dev.vigil.conf.settings.VigilSettings;
import dev.vigil.daemon.ConfigReloadListener;
import dev.vigil.daemon.CurrentConfig;
import dev.vigil.daemon.DaemonOptions;
import dev.vigil.daemon.SignalRouter;
import dev.vigil.daemon.VigilSignal;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state as a bean, started with the container: the status socket ({@code vigil.status.socket}), the optional
 * metrics endpoint ({@code vigil.metrics}), and keepalived's signal dumps (SIGUSR1: {@code keepalived.data}, SIGUSR2:
 * {@code keepalived.stats}). Status is auxiliary: if the socket or the metrics port cannot be opened the daemon logs
 * it and runs on. Everything here runs off the VRRP thread, on the status, metrics and supervisor threads.
 */
@Context
public final class StatusService implements ConfigReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(StatusService.class);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

    private final DaemonStatus status;
    private final DaemonOptions options;
    private final CurrentConfig current;
    private final Supplier<String> stats;
    private final DumpFiles dumps;
    private final StatusServer server;
    private final MetricsServer metrics;

    @Inject
    public StatusService(DaemonOptions options, VigilSettings settings, CurrentConfig current, SignalRouter router,
                         List<StatusSource> sources) {
        this(options, settings, current, router, sources, DumpFiles.fromEnvironment(System.getenv()));
    }

    /** With the dump directory given (tests). */
    StatusService(DaemonOptions options, VigilSettings settings, CurrentConfig current, SignalRouter router,
                  List<StatusSource> sources, DumpFiles dumps) {
        this.status = new DaemonStatus(options.configFile(), sources, Clock.systemUTC());
        this.options = options;
        this.current = current;
        this.stats = sources.stream().filter(VrrpStatusSource.class::isInstance).map(VrrpStatusSource.class::cast)
                .findFirst().<Supplier<String>>map(v -> v::statsText).orElse(() -> "");
        this.dumps = dumps;
        this.server = openSocket(settings.status().socket());
        this.metrics = settings.metrics().enabled() ? openMetrics(settings.metrics()) : null;
        router.on(VigilSignal.USR1, this::writeData);
        router.on(VigilSignal.USR2, this::writeStats);
    }

    private StatusServer openSocket(Path path) {
        try {
            return StatusServer.start(path, new StatusRequests(status::snapshot, stats), CLIENT_TIMEOUT);
        } catch (IOException e) {
            LOG.error("Cannot open status socket {}: {}; vigil status will not answer", path, e.toString());
            return null;
        }
    }

    private MetricsServer openMetrics(VigilSettings.Metrics m) {
        try {
            return MetricsServer.start(m.host(), m.port(), status::snapshot);
        } catch (IOException e) {
            LOG.error("Cannot listen for metrics on {}:{}: {}", m.host(), m.port(), e.toString());
            return null;
        }
    }

    /** The daemon's state now; any thread. */
    public StatusSnapshot snapshot() {
        return status.snapshot();
    }

    @Override
    public void configReloaded(LoadResult previous, LoadResult next) {
        status.configReloaded(previous, next);
    }

    /** Called on the supervisor thread once each SIGHUP has been handled (applied or aborted). */
    public void reloadFinished() {
        status.reloadFinished();
    }

    /** SIGUSR1. Like keepalived, only when the VRRP subsystem runs (keepalived's VRRP child writes this file). */
    void writeData() {
        if (!vrrpRuns()) {
            return;
        }
        write(dumps.data(), KeepalivedDataDump.render(current.config(), status.snapshot(), ZoneId.systemDefault(),
                InterfaceAddresses::primaryIpv4));
    }

    /** SIGUSR2, VRRP only as in keepalived. */
    void writeStats() {
        if (!vrrpRuns()) {
            return;
        }
        write(dumps.stats(), stats.get());
    }

    private boolean vrrpRuns() {
        return options.runsVrrp() && !current.config().vrrpInstances().isEmpty();
    }

    private static void write(Path file, String text) {
        try {
            DumpFiles.write(file, text);
        } catch (IOException e) {
            LOG.error("Cannot write {}: {}", file, e.toString());
        }
    }

    @PreDestroy
    public void close() {
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
