package dev.vigil.daemon.lvs;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.healthchecker.ConfCheckers;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.healthchecker.RealServerHealthChanged;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.healthchecker.VirtualServerKey;
import dev.vigil.healthchecker.probe.TlsClientConfig;
import dev.vigil.ipvs.IpvsManager;
import dev.vigil.ipvs.config.KeepalivedIpvsConfig;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.sync.SyncDaemonController;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.notify.NotifyDispatcher;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker side of a daemon run: the {@link HealthCheckerEngine} (its own Netty event loop, never the VRRP
 * thread) judges the real servers, and every verdict is applied to the {@link IpvsManager} on one single-threaded
 * executor ("vigil-ipvs"), which also owns the sync daemon controller, so the table and the sync daemons are only
 * ever touched from that thread. Notifications follow each applied change ({@link CheckerNotifier}).
 */
public final class CheckerSubsystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckerSubsystem.class);

    private final ExecutorService ipvsThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-ipvs");
        t.setDaemon(true);
        return t;
    });
    private final IpvsManager manager;
    private final CheckerNotifier notifier;
    private final boolean dontReleaseIpvs;
    private HealthCheckerEngine engine;
    private SyncDaemonController sync;
    private volatile KeepalivedIpvsConfig ipvsConfig;
    private volatile Map<VirtualServerKey, List<String>> specNames = Map.of();

    private CheckerSubsystem(IpvsKernel kernel, NotifyDispatcher dispatcher,
                             boolean dontReleaseIpvs) {
        this.notifier = new CheckerNotifier(dispatcher, Clock.systemUTC());
        this.manager = new IpvsManager(new AppliedCounter(kernel), notifier);
        this.notifier.states(manager::state);
        this.dontReleaseIpvs = dontReleaseIpvs;
    }

    /**
     * Programs IPVS for {@code config} (adopting the running table unless {@code lvs_flush}: live real servers are
     * not dropped), starts the sync daemon as BACKUP when {@code lvs_sync_daemon} is set, then starts the checks.
     *
     * @param options the engine's options; its {@code tls} is replaced by the config's SSL block when it has one
     */
    public static CheckerSubsystem start(KeepalivedConfig config, IpvsKernel kernel, SyncDaemonKernel syncKernel,
                                         NotifyDispatcher dispatcher, boolean dontReleaseIpvs,
                                         HealthCheckerEngine.Options options) throws IOException {
        CheckerSubsystem s = new CheckerSubsystem(kernel, dispatcher, dontReleaseIpvs);
        try {
            s.onIpvsThread(() -> {
                s.install(config);
                s.logFailures(s.manager.start(s.ipvsConfig.virtualServers(), s.ipvsConfig.lvsFlush(),
                        s.ipvsConfig.timeouts()));
                if (s.ipvsConfig.syncDaemon() != null) {
                    s.sync = new SyncDaemonController(s.ipvsConfig.syncDaemon(), s.ipvsConfig.syncInstance() != null,
                            syncKernel);
                    s.sync.start();
                }
                return null;
            });
            s.engine = new HealthCheckerEngine(s::healthChanged, withTls(options, config));
            s.engine.sync(ConfCheckers.targets(config));
            return s;
        } catch (IOException | RuntimeException e) {
            s.ipvsThread.shutdownNow();
            throw e;
        }
    }

    /**
     * SIGHUP: virtual servers that stay keep their real servers' state (checks that did not change keep running);
     * removed ones leave the table; new ones are built.
     */
    public void reload(KeepalivedConfig config) throws IOException {
        onIpvsThread(() -> {
            install(config);
            logFailures(manager.reload(ipvsConfig.virtualServers()));
            return null;
        });
        engine.sync(ConfCheckers.targets(config));
    }

    /**
     * The VRRP instance {@code instance} entered or left MASTER: the sync daemon bound to it ({@code lvs_sync_daemon
     * IF INSTANCE}) switches between master and backup. Other instances are ignored. Safe from any thread.
     */
    public void vrrpInstanceStateChanged(String instance, boolean master) {
        KeepalivedIpvsConfig c = ipvsConfig;
        if (c == null || c.syncInstance() == null || !c.syncInstance().equals(instance)) {
            return;
        }
        ipvsThread.execute(() -> {
            if (sync != null) {
                sync.instanceStateChanged(master);
            }
        });
    }

    /** The instance {@code lvs_sync_daemon} follows, or null. */
    public String syncInstance() {
        KeepalivedIpvsConfig c = ipvsConfig;
        return c == null ? null : c.syncInstance();
    }

    /** Every checked real server's state (for {@code vigil status}). */
    public List<RealServerStatus> status() {
        return engine == null ? List.of() : engine.status();
    }

    /** Checks stop first (no verdict can arrive after), then IPVS per the stop policy, then the sync daemons. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        try {
            onIpvsThread(() -> {
                logFailures(manager.stop(ipvsConfig.stopPolicy(dontReleaseIpvs)));
                if (sync != null) {
                    sync.stop();
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            LOG.error("IPVS: stopping failed: {}", e.toString());
        } finally {
            ipvsThread.shutdown();
        }
    }

    private void install(KeepalivedConfig config) {
        KeepalivedIpvsConfig mapped = KeepalivedIpvsConfig.from(config);
        notifier.update(config, mapped.virtualServers());
        Map<VirtualServerKey, List<String>> names = new HashMap<>();
        List<VirtualServer> servers = config.virtualServers();
        for (int i = 0; i < servers.size(); i++) {
            names.computeIfAbsent(ConfCheckers.key(servers.get(i)), k -> new ArrayList<>())
                    .add(mapped.virtualServers().get(i).name());
        }
        ipvsConfig = mapped;
        specNames = names;
    }

    /** Engine listener, on an event loop: hand over to the IPVS thread at once. */
    private void healthChanged(RealServerHealthChanged event) {
        ipvsThread.execute(() -> apply(event));
    }

    private void apply(RealServerHealthChanged event) {
        DestKey dest = new DestKey(event.rs().address(), event.rs().port());
        boolean applied = false;
        for (String vs : specNames.getOrDefault(event.vs(), List.of())) {
            try {
                if (event.up()) {
                    logFailures(manager.setWeight(vs, dest, event.weight()));
                }
                logFailures(manager.setAlive(vs, dest, event.up()));
                applied = true;
            } catch (IllegalArgumentException e) {
                LOG.debug("{} is not a real server of {} any more: {}", event.rs(), vs, e.getMessage());
            } catch (IOException e) {
                LOG.error("IPVS: cannot apply {} {} for {}: {}", event.rs(), event.up() ? "up" : "down", vs,
                        e.toString());
            }
        }
        if (applied) {
            notifier.realServerChanged(event);
        }
    }

    private void logFailures(List<? extends Exception> failures) {
        // IpvsManager already logged keepalived's "IPVS cmd ... error" line for each refusal
        if (!failures.isEmpty()) {
            LOG.debug("{} IPVS operation(s) refused", failures.size());
        }
    }

    private <T> T onIpvsThread(Callable<T> work) throws IOException {
        try {
            return ipvsThread.submit(work).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("IPVS thread did not answer within 60 s", e);
        }
    }

    private static HealthCheckerEngine.Options withTls(HealthCheckerEngine.Options o, KeepalivedConfig config) {
        TlsClientConfig tls = ConfCheckers.tls(config);
        if (tls == null) {
            return o;
        }
        try {
            return new HealthCheckerEngine.Options(o.transport(), o.threads(), o.scripts(), o.random(), o.heloName(),
                    o.maxHttpBody(), tls.toContext());
        } catch (SSLException e) {
            LOG.error("SSL: cannot use the SSL block's certificate/key: {}; SSL_GET runs without them",
                    e.getMessage());
            return o;
        }
    }
}
