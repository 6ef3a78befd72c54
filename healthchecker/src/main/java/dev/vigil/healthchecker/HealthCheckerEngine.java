package dev.vigil.healthchecker;

import dev.vigil.healthchecker.probe.HttpFetcher;
import dev.vigil.healthchecker.probe.IcmpPinger;
import dev.vigil.healthchecker.probe.TlsClientConfig;
import io.netty.handler.ssl.SslContext;
import dev.vigil.healthchecker.probe.Probe;
import dev.vigil.healthchecker.probe.Transport;
import dev.vigil.healthchecker.spec.CheckerSpec;
import dev.vigil.healthchecker.spec.HttpFamilyCheck;
import dev.vigil.healthchecker.spec.MiscCheck;
import dev.vigil.linux.process.ScriptRunner;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every real server's checkers on Netty event loops: no thread per check, each real server pinned to one
 * loop so its state needs no locks. Results drive {@link RealServerHealth}; transitions go to the
 * {@link HealthListener} (on that loop) and keepalived's log lines to SLF4J.
 */
public final class HealthCheckerEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.healthchecker");

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ExecutorService blocking;
    private final ProbeFactory probes;
    private final HealthListener listener;
    private final Random random;
    private final Map<Key, MonitoredRealServer> servers = new ConcurrentHashMap<>();
    private final Set<VirtualServerKey> suspendedServers = ConcurrentHashMap.newKeySet();
    private IcmpPinger pinger;
    private boolean pingerOpened;

    private record Key(VirtualServerKey vs, Endpoint rs) {
    }

    /**
     * Options.
     *
     * @param transport   epoll or NIO
     * @param threads     event loop threads (1 is plenty for thousands of checks)
     * @param scripts     runs MISC_CHECK scripts
     * @param random      source of warmup delays
     * @param heloName    default SMTP_CHECK HELO name (global smtp_helo_name, else the host name)
     * @param maxHttpBody body limit for HTTP_GET/SSL_GET
     * @param tls         SSL_GET client context from the SSL block ({@link TlsClientConfig#toContext()}), or null
     */
    public record Options(Transport transport, int threads, ScriptRunner scripts, Random random, String heloName,
                         long maxHttpBody, SslContext tls) {
        public static Options defaults() {
            return new Options(Transport.best(), 1, new ScriptRunner(), new Random(),
                    ProbeFactory.localHostName(), HttpFetcher.DEFAULT_MAX_BODY, null);
        }
    }

    public HealthCheckerEngine(HealthListener listener) {
        this(listener, Options.defaults());
    }

    public HealthCheckerEngine(HealthListener listener, Options options) {
        this.listener = Objects.requireNonNull(listener);
        this.group = options.transport().newGroup(options.threads());
        this.ownsGroup = true;
        this.blocking = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vigil-ping");
            t.setDaemon(true);
            return t;
        });
        this.random = options.random();
        Transport transport = options.transport();
        this.probes = new ProbeFactory(transport, new HttpFetcher(transport, options.maxHttpBody(), options.tls()),
                options.scripts(), blocking, () -> pinger(transport), options.heloName());
    }

    /**
     * Starts checking a real server. Returns whether it starts alive (false with alpha on any checker); events
     * follow only on change. A real server without checkers stays alive. Re-adding a server with the same weight
     * and checkers (a reload that did not change it) keeps its running state and returns its current health;
     * a changed server restarts from its initial state.
     */
    public boolean add(VirtualServerKey vs, Endpoint rs, int weight, List<CheckerSpec> checkers) {
        Key key = new Key(vs, rs);
        MonitoredRealServer existing = servers.get(key);
        if (existing != null && existing.weight == weight && existing.specs.equals(checkers)) {
            return existing.alive;
        }
        List<RealServerCheckState> states = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Probe> probeList = new ArrayList<>();
        List<Duration> deadlines = new ArrayList<>();
        for (CheckerSpec spec : checkers) {
            ProbeFactory.Built built = probes.build(vs, rs, weight, spec);
            if (built == null) {
                continue; // disabled at load, as keepalived does: the server is judged by its other checkers
            }
            states.add(new RealServerCheckState(spec.common(), built.messages(), spec.kind().retriesWhileDown()));
            names.add(spec.kind().name());
            probeList.add(built.probe());
            deadlines.add(attemptDeadline(spec));
        }
        RealServerHealth health = new RealServerHealth(vs, rs, weight, states, names);
        MonitoredRealServer server = new MonitoredRealServer(group.next(), health, probeList, deadlines,
                List.copyOf(checkers), weight);
        server.suspended = suspendedServers.contains(vs);
        MonitoredRealServer previous = servers.put(key, server);
        if (previous != null) {
            previous.stop();
        }
        LOG.info("{}ctivating healthchecker for service {} for VS {}", server.suspended ? "Dea" : "A", rs, vs);
        server.start();
        return health.alive();
    }

    /**
     * A safety net over the probes' own timeouts: an attempt still pending after this long counts as failed, so a
     * stuck probe can never stop a checker. Generous, since slow-but-working servers must not trip it.
     */
    static Duration attemptDeadline(CheckerSpec spec) {
        Duration margin = Duration.ofSeconds(5);
        if (spec instanceof MiscCheck m) {
            return m.effectiveTimeout().plus(Duration.ofSeconds(10));
        }
        int steps = spec instanceof HttpFamilyCheck h ? 3 * Math.max(1, h.urls().size()) : 3;
        return spec.common().connectTimeout().multipliedBy(steps).plus(margin);
    }

    /**
     * Makes the engine check exactly {@code targets} (start-up and reload): unchanged servers keep their state,
     * changed ones restart, missing ones stop. Returns each target's current health, in order.
     */
    public List<Boolean> sync(List<ConfCheckers.Target> targets) {
        java.util.Set<Key> wanted = new java.util.HashSet<>();
        List<Boolean> alive = new ArrayList<>();
        for (ConfCheckers.Target t : targets) {
            wanted.add(new Key(t.vs(), t.rs()));
            alive.add(add(t.vs(), t.rs(), t.weight(), t.checkers()));
        }
        List<Key> stale = servers.keySet().stream().filter(k -> !wanted.contains(k)).toList();
        stale.forEach(k -> remove(k.vs(), k.rs()));
        return alive;
    }

    /**
     * {@code ha_suspend}: the checkers of every real server of {@code vs} (and of those added later) stop or resume
     * running; keepalived's {@code Suspending/Activating healthchecker for service X for VS Y} per real server. A
     * suspended server keeps its health (its checkers just skip their turns); an attempt already under way completes.
     */
    public void suspend(VirtualServerKey vs, boolean suspended) {
        if (suspended ? !suspendedServers.add(vs) : !suspendedServers.remove(vs)) {
            return;
        }
        servers.forEach((k, server) -> {
            if (k.vs().equals(vs) && server.suspended != suspended) {
                server.suspended = suspended;
                LOG.info("{} healthchecker for service {} for VS {}", suspended ? "Suspending" : "Activating",
                        k.rs(), vs);
            }
        });
    }

    /** Whether {@code ha_suspend} holds the checkers of {@code vs} now. */
    public boolean suspended(VirtualServerKey vs) {
        return suspendedServers.contains(vs);
    }

    /** Stops checking a real server (reload removed it). */
    public void remove(VirtualServerKey vs, Endpoint rs) {
        MonitoredRealServer server = servers.remove(new Key(vs, rs));
        if (server != null) {
            server.stop();
        }
    }

    /** Whether the real server is currently alive; false if unknown. */
    public boolean isAlive(VirtualServerKey vs, Endpoint rs) {
        MonitoredRealServer server = servers.get(new Key(vs, rs));
        return server != null && server.alive;
    }

    /** The shared ICMP socket, opened on first use; null if unavailable. Called on event loops. */
    private synchronized IcmpPinger pinger(Transport transport) {
        if (!pingerOpened) {
            pingerOpened = true;
            pinger = IcmpPinger.open(transport, group.next());
            if (pinger == null) {
                LOG.info("PING_CHECK: no ICMP socket on the event loop, using InetAddress.isReachable");
            }
        }
        return pinger;
    }

    /** The event loops the checks run on (for benchmarks). */
    EventLoopGroup group() {
        return group;
    }

    /** The current state of every checked real server (safe from any thread). */
    public List<RealServerStatus> status() {
        return servers.values().stream().map(s -> s.status).toList();
    }

    /** Number of probe attempts completed so far, over all servers. */
    public long completedChecks() {
        return servers.values().stream().mapToLong(s -> s.completed).sum();
    }

    @Override
    public void close() {
        servers.values().forEach(MonitoredRealServer::stop);
        servers.clear();
        synchronized (this) {
            if (pinger != null) {
                pinger.close();
            }
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        blocking.shutdownNow();
    }

    /** One real server's checkers, all on one event loop. */
    private final class MonitoredRealServer {
        private final EventLoop loop;
        private final RealServerHealth health;
        private final List<Probe> probeList;
        private final List<Duration> deadlines;
        private final List<CheckerSpec> specs;
        private final int weight;
        private final List<ScheduledFuture<?>> timers = new ArrayList<>();
        private volatile boolean stopped;
        private volatile boolean suspended;
        private volatile boolean alive;
        private volatile long completed;
        private volatile RealServerStatus status;
        private final String[] lastDetails;

        MonitoredRealServer(EventLoop loop, RealServerHealth health, List<Probe> probeList, List<Duration> deadlines,
                            List<CheckerSpec> specs, int weight) {
            this.loop = loop;
            this.specs = specs;
            this.weight = weight;
            this.health = health;
            this.probeList = probeList;
            this.deadlines = deadlines;
            this.alive = health.alive();
            this.lastDetails = new String[probeList.size()];
            this.status = snapshot();
        }

        private RealServerStatus snapshot() {
            List<RealServerStatus.CheckerStatus> checkers = new ArrayList<>();
            for (int i = 0; i < lastDetails.length; i++) {
                checkers.add(new RealServerStatus.CheckerStatus(health.checkerName(i), health.checker(i).isUp(),
                        lastDetails[i]));
            }
            return new RealServerStatus(health.vs(), health.rs(), health.alive(), health.weight(), checkers);
        }

        void start() {
            loop.execute(() -> {
                for (int i = 0; i < probeList.size(); i++) {
                    int index = i;
                    timers.add(null);
                    schedule(index, health.checker(index).initialDelay(random::nextDouble));
                }
            });
        }

        void stop() {
            stopped = true;
            loop.execute(() -> timers.forEach(t -> {
                if (t != null) {
                    t.cancel(false);
                }
            }));
        }

        private void schedule(int index, Duration delay) {
            if (!stopped) {
                timers.set(index, loop.schedule(() -> attempt(index), delay.toNanos(), TimeUnit.NANOSECONDS));
            }
        }

        private void attempt(int index) {
            if (stopped) {
                return;
            }
            if (suspended) { // ha_suspend: skip this turn, as keepalived's disabled checkers do
                schedule(index, health.checker(index).common().delayLoop());
                return;
            }
            CompletableFuture<CheckResult> future;
            try {
                future = probeList.get(index).run(loop);
            } catch (RuntimeException e) {
                future = CompletableFuture.completedFuture(CheckResult.down(String.valueOf(e)));
            }
            CompletableFuture<CheckResult> attempt = future;
            ScheduledFuture<?> watchdog = loop.schedule(() -> attempt.complete(
                    CheckResult.down("check did not complete within " + deadlines.get(index).toMillis() + " ms")),
                    deadlines.get(index).toNanos(), TimeUnit.NANOSECONDS);
            attempt.whenComplete((result, error) -> {
                watchdog.cancel(false);
                CheckResult r = error != null ? CheckResult.down(String.valueOf(error)) : result;
                if (loop.inEventLoop()) {
                    onResult(index, r);
                } else {
                    loop.execute(() -> onResult(index, r));
                }
            });
        }

        private void onResult(int index, CheckResult result) {
            if (stopped) {
                return;
            }
            completed++;
            RealServerHealth.Update update = health.onResult(index, result);
            update.step().log().forEach(LOG::info);
            alive = health.alive();
            lastDetails[index] = result.detail();
            status = snapshot();
            update.event().ifPresent(event -> {
                try {
                    listener.onHealthChanged(event);
                } catch (RuntimeException e) {
                    LOG.error("health listener failed on {}", event, e);
                }
            });
            schedule(index, update.step().nextDelay());
        }
    }
}
