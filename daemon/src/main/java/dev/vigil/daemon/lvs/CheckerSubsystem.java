package dev.vigil.daemon.lvs;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.VirtualServer;
import dev.vigil.conf.model.VirtualServerAddress;
import dev.vigil.healthchecker.ConfCheckers;
import dev.vigil.healthchecker.Endpoint;
import dev.vigil.healthchecker.HaSuspend;
import dev.vigil.healthchecker.HealthCheckerEngine;
import dev.vigil.healthchecker.RealServerHealthChanged;
import dev.vigil.healthchecker.RealServerStatus;
import dev.vigil.healthchecker.VirtualServerKey;
import dev.vigil.healthchecker.probe.TlsClientConfig;
import dev.vigil.ipvs.IpvsManager;
import dev.vigil.ipvs.config.KeepalivedIpvsConfig;
import dev.vigil.ipvs.config.RealServerSpec;
import dev.vigil.ipvs.config.VirtualServerSpec;
import dev.vigil.ipvs.config.VirtualServerState;
import dev.vigil.ipvs.model.DestKey;
import dev.vigil.ipvs.reconcile.IpvsKernel;
import dev.vigil.ipvs.reconcile.StopPolicy;
import dev.vigil.ipvs.sync.SyncDaemonController;
import dev.vigil.ipvs.sync.SyncDaemonKernel;
import dev.vigil.notify.NotifyDispatcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checker side of a daemon run: the {@link HealthCheckerEngine} (its own Netty event loop, never the VRRP
 * thread) judges the real servers, and every verdict is applied to the {@link IpvsManager} on one single-threaded
 * executor ("vigil-ipvs"), which also owns the sync daemon controller, so the table and the sync daemons are only
 * ever touched from that thread. Notifications follow each applied change ({@link CheckerNotifier}), and a new
 * {@link CheckerSnapshot} is published. {@code ha_suspend} address events are also decided on that thread
 * ({@link HaSuspend}) and hold or release the engine's checkers.
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
    private final ServerRetirement retirement;
    private final boolean dontReleaseIpvs;
    private final Supplier<HostAddressWatch> watches;
    private final Clock clock = Clock.systemUTC();
    private final HaSuspend haSuspend = new HaSuspend();   // IPVS thread only
    private final Map<RsKey, LastChange> lastChanges = new HashMap<>();   // IPVS thread only
    private HealthCheckerEngine engine;
    private SyncDaemonController sync;
    private HostAddressWatch addressWatch;
    private volatile KeepalivedIpvsConfig ipvsConfig;
    private volatile Map<VirtualServerKey, List<String>> specNames = Map.of();
    private volatile List<ConfiguredVirtualServer> members = List.of();
    private volatile CheckerSnapshot snapshot = CheckerSnapshot.EMPTY;
    private final Map<String, CheckerSnapshot.VirtualServer> published = new LinkedHashMap<>();   // IPVS thread only

    private record RsKey(VirtualServerKey vs, Endpoint rs) {
    }

    /** When a real server's health last changed, and the checker's word on it. */
    private record LastChange(Instant at, String reason) {
    }

    private CheckerSubsystem(IpvsKernel kernel, NotifyDispatcher dispatcher,
                             boolean dontReleaseIpvs, Supplier<HostAddressWatch> watches) {
        this.notifier = new CheckerNotifier(dispatcher, clock);
        this.retirement = new ServerRetirement(notifier);
        this.manager = new IpvsManager(new AppliedCounter(kernel), notifier);
        this.notifier.states(manager::state);
        this.dontReleaseIpvs = dontReleaseIpvs;
        this.watches = watches;
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
        return start(config, kernel, syncKernel, dispatcher, dontReleaseIpvs, options, HostAddressWatch::kernel);
    }

    /** As above, with the host's addresses for {@code ha_suspend} read from {@code watches} (opened when needed). */
    static CheckerSubsystem start(KeepalivedConfig config, IpvsKernel kernel, SyncDaemonKernel syncKernel,
                                  NotifyDispatcher dispatcher, boolean dontReleaseIpvs,
                                  HealthCheckerEngine.Options options, Supplier<HostAddressWatch> watches)
            throws IOException {
        CheckerSubsystem s = new CheckerSubsystem(kernel, dispatcher, dontReleaseIpvs, watches);
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
            s.followHaSuspend(config);
            s.engine.sync(ConfCheckers.targets(config));
            s.onIpvsThread(s::publish);
            return s;
        } catch (IOException | RuntimeException e) {
            if (s.engine != null) {
                s.engine.close();
            }
            if (s.addressWatch != null) {
                s.addressWatch.close();
            }
            s.ipvsThread.shutdownNow();
            throw e;
        }
    }

    /**
     * SIGHUP: virtual servers that stay keep their real servers' state (checks that did not change keep running);
     * removed ones leave the table; new ones are built; a group's changed entries add or remove exactly their IPVS
     * services. What leaves is announced as keepalived does ({@link ServerRetirement#atReload}).
     */
    public void reload(KeepalivedConfig config) throws IOException {
        onIpvsThread(() -> {
            KeepalivedIpvsConfig next = KeepalivedIpvsConfig.from(config);
            List<Runnable> departures = retirement.atReload(members, manager::state, config, next);
            install(config, next);
            logFailures(manager.reload(ipvsConfig.virtualServers()));
            departures.forEach(Runnable::run);
            return null;
        });
        followHaSuspend(config);
        engine.sync(ConfCheckers.targets(config));
        onIpvsThread(this::publish);
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

    /** Every checked real server's state, as the health checker sees it. */
    public List<RealServerStatus> status() {
        return engine == null ? List.of() : engine.status();
    }

    /** What the checker side holds now (quorum, sorry server, ha_suspend, table membership); safe from any thread. */
    public CheckerSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Checks stop first (no verdict can arrive after); then, unless {@code -I}, keepalived's clear_services(): a
     * {@code Shutting down service X from VS Y} line per real server and, for virtual servers with {@code omega},
     * the down notifiers ({@code notify_down}, {@code quorum_down}, FIFO lines) and {@code => Shutting down <=}
     * mails; then IPVS per the stop policy and the sync daemons. Waits (about a second at most) for the notify
     * scripts, which are killed after {@link NotifyDispatcher#STOP_SCRIPT_LIMIT} as keepalived does.
     */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        if (addressWatch != null) {
            addressWatch.close();
        }
        try {
            List<CompletableFuture<Void>> scripts = onIpvsThread(() -> {
                StopPolicy policy = ipvsConfig.stopPolicy(dontReleaseIpvs);
                List<CompletableFuture<Void>> launched = retirement.atShutdown(members, manager::state, policy);
                logFailures(manager.stop(policy));
                if (sync != null) {
                    sync.stop();
                }
                return launched;
            });
            CompletableFuture.allOf(scripts.toArray(CompletableFuture[]::new))
                    .get(NotifyDispatcher.STOP_SCRIPT_LIMIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("IPVS: shutdown notify scripts still running; not waiting for them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ExecutionException | RuntimeException e) {
            LOG.error("IPVS: stopping failed: {}", e.toString());
        } finally {
            ipvsThread.shutdown();
        }
    }

    /**
     * {@code ha_suspend}: opens the address watch the first time a configuration needs it, then (on the IPVS thread,
     * after the watch's address list) applies the configuration's watched virtual servers.
     */
    private void followHaSuspend(KeepalivedConfig config) throws IOException {
        for (VirtualServer vs : config.virtualServers()) {
            if (vs.haSuspend() && vs.address() instanceof VirtualServerAddress.IpPort ip
                    && ip.address() instanceof java.net.Inet6Address) {
                LOG.warn("ha_suspend is IPv4 only: the checkers of {} always run", ConfCheckers.key(vs));
            }
        }
        if (addressWatch == null && config.virtualServers().stream().anyMatch(VirtualServer::haSuspend)) {
            HostAddressWatch watch = watches.get();
            try {
                watch.start(new HostAddressWatch.Listener() {
                    @Override
                    public void all(List<HaSuspend.HostAddress> addresses) {
                        ipvsThread.execute(() -> suspend(haSuspend.reset(addresses)));
                    }

                    @Override
                    public void changed(HaSuspend.HostAddress address, boolean removed) {
                        ipvsThread.execute(() -> suspend(removed ? haSuspend.removed(address)
                                : haSuspend.added(address)));
                    }
                });
                addressWatch = watch;
            } catch (IOException | RuntimeException e) {
                LOG.error("ha_suspend: cannot watch this host's addresses ({}); every checker runs", e.toString());
                return;
            }
        }
        if (addressWatch != null) {
            onIpvsThread(() -> suspend(haSuspend.configure(config)));
        }
    }

    /** On the IPVS thread: {@code ha_suspend} decided; the engine holds or releases those checkers. */
    private Void suspend(List<HaSuspend.Change> changes) {
        for (HaSuspend.Change c : changes) {
            engine.suspend(c.vs(), !c.active());
            specNames.getOrDefault(c.vs(), List.of()).forEach(this::publish);
        }
        return null;
    }

    /** On the IPVS thread: a new {@link CheckerSnapshot} from the IPVS side's states. */
    private Void publish() {
        published.clear();
        members.forEach(m -> published.put(m.specName(), describe(m)));
        snapshot = new CheckerSnapshot(List.copyOf(published.values()));
        return null;
    }

    /** On the IPVS thread: the snapshot with one virtual server described anew (a health event's cost stays flat). */
    private void publish(String specName) {
        for (ConfiguredVirtualServer m : members) {
            if (m.specName().equals(specName)) {
                published.put(specName, describe(m));
            }
        }
        snapshot = new CheckerSnapshot(List.copyOf(published.values()));
    }

    private CheckerSnapshot.VirtualServer describe(ConfiguredVirtualServer m) {
        VirtualServerState state = manager.state(m.specName());
        Map<DestKey, Integer> table = new HashMap<>();
        state.desiredDests().forEach(d -> table.put(d.key(), d.weight()));
        List<CheckerSnapshot.RealServer> reals = new ArrayList<>();
        for (RealServerSpec rs : state.spec().realServers()) {
            Endpoint endpoint = m.endpoint(rs);
            Integer tableWeight = table.get(rs.key());
            LastChange change = lastChanges.get(new RsKey(m.key(), endpoint));
            reals.add(new CheckerSnapshot.RealServer(endpoint,
                    tableWeight != null && tableWeight > 0 ? tableWeight : rs.weight(), state.alive(rs.key()),
                    tableWeight != null, change == null ? null : change.at(),
                    change == null ? null : change.reason()));
        }
        VirtualServerSpec spec = state.spec();
        return new CheckerSnapshot.VirtualServer(spec.name(), m.key(), spec.protocol().name(), spec.scheduler(),
                spec.quorum(), spec.hysteresis(), state.quorumUp(), state.weightSum(), state.sorryServerActive(),
                engine != null && engine.suspended(m.key()), reals);
    }

    private void install(KeepalivedConfig config) {
        install(config, KeepalivedIpvsConfig.from(config));
    }

    private void install(KeepalivedConfig config, KeepalivedIpvsConfig mapped) {
        notifier.update(config, mapped.virtualServers());
        Map<VirtualServerKey, List<String>> names = new HashMap<>();
        List<ConfiguredVirtualServer> all = new ArrayList<>();
        List<VirtualServer> servers = config.virtualServers();
        for (int i = 0; i < servers.size(); i++) {
            VirtualServerKey key = ConfCheckers.key(servers.get(i));
            String specName = mapped.virtualServers().get(i).name();
            names.computeIfAbsent(key, k -> new ArrayList<>()).add(specName);
            all.add(new ConfiguredVirtualServer(specName, key, servers.get(i)));
        }
        ipvsConfig = mapped;
        specNames = names;
        members = List.copyOf(all);
        Set<RsKey> configured = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            ConfiguredVirtualServer m = all.get(i);
            mapped.virtualServers().get(i).realServers().forEach(rs -> configured.add(new RsKey(m.key(),
                    m.endpoint(rs))));
        }
        lastChanges.keySet().retainAll(configured);
    }

    /** Engine listener, on an event loop: hand over to the IPVS thread at once. */
    private void healthChanged(RealServerHealthChanged event) {
        ipvsThread.execute(() -> apply(event));
    }

    private void apply(RealServerHealthChanged event) {
        DestKey dest = new DestKey(event.rs().address(), event.rs().port());
        boolean applied = false;
        List<String> touched = new ArrayList<>();
        for (String vs : specNames.getOrDefault(event.vs(), List.of())) {
            try {
                if (event.up()) {
                    logFailures(manager.setWeight(vs, dest, event.weight()));
                }
                logFailures(manager.setAlive(vs, dest, event.up()));
                applied = true;
                touched.add(vs);
            } catch (IllegalArgumentException e) {
                LOG.debug("{} is not a real server of {} any more: {}", event.rs(), vs, e.getMessage());
            } catch (IOException e) {
                LOG.error("IPVS: cannot apply {} {} for {}: {}", event.rs(), event.up() ? "up" : "down", vs,
                        e.toString());
            }
        }
        if (applied) {
            String reason = event.checker() == null ? event.detail()
                    : event.checker() + (event.detail() == null ? "" : ": " + event.detail());
            lastChanges.put(new RsKey(event.vs(), event.rs()), new LastChange(clock.instant(), reason));
            notifier.realServerChanged(event);
            touched.forEach(this::publish);
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
