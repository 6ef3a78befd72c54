package dev.vigil.vrrp.runtime;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.process.ScriptRunner;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.InterfaceLookup;
import dev.vigil.linux.rtnl.LinkEvent;
import dev.vigil.linux.rtnl.LinkMonitor;
import dev.vigil.linux.rtnl.LinkStateTracker;
import dev.vigil.linux.rtnl.RtnlEvent;
import dev.vigil.linux.socket.PacketSocket;
import dev.vigil.linux.socket.Poller;
import dev.vigil.linux.socket.RawIpSocket;
import dev.vigil.vrrp.codec.AdvertDecoder;
import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.config.InstanceConfig;
import dev.vigil.vrrp.config.SyncGroupConfig;
import dev.vigil.vrrp.config.VrrpConfig;
import dev.vigil.vrrp.instance.AdvertFactory;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.TimerKind;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import dev.vigil.vrrp.stats.Counter;
import dev.vigil.vrrp.stats.StatsWriter;
import dev.vigil.vrrp.sync.SyncGroup;
import dev.vigil.vrrp.sync.SyncGroup.Output;
import dev.vigil.vrrp.track.ScriptOutcome;
import dev.vigil.vrrp.track.ScriptTracker;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured VRRP instances on real sockets. One dedicated thread ("vrrp") owns every instance and blocks
 * only in {@link Poller#poll} until the next timer deadline or socket readiness: per-interface VRRP receivers, and a
 * link-monitor netlink subscription. Script results and requests from other threads ({@link #shutdown},
 * {@link #snapshot}) arrive through a queue plus {@link Poller#wakeup()}. Actions are carried out in order: adverts
 * on the interface's raw socket, VIPs and routes over a separate rtnetlink request socket, gratuitous ARP on a
 * packet socket, notifications to the {@link VrrpListener}, log lines to SLF4J in keepalived's words.
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.vrrp");
    private static final Set<Counter> NOT_ERRORS = EnumSet.of(Counter.ADVERT_RECEIVED, Counter.ADVERT_SENT,
            Counter.BECAME_MASTER, Counter.RELEASED_MASTER, Counter.PRIORITY_ZERO_RECEIVED, Counter.PRIORITY_ZERO_SENT);

    /** What a timer is for. */
    private sealed interface TimerKey {}
    private record InstanceTimer(String instance, TimerKind kind) implements TimerKey {}
    private record ScriptTimer(String script) implements TimerKey {}

    /** A standalone instance or a sync group: where an instance's events go. */
    private interface Unit {
        /** The sync group's name; null for a standalone instance. */
        String group();
        List<Output> start(long now);
        List<Output> handle(String instance, InstanceEvent event, long now);
        List<VrrpInstance> members();
    }

    private VrrpConfig config;
    private final VrrpListener listener;
    private final RuntimeOptions options;
    private final ScriptRunner scriptRunner;
    private final Clock clock;

    private final Map<String, InstanceConfig> configs = new LinkedHashMap<>();
    private final Map<String, VrrpInstance> instances = new LinkedHashMap<>();
    private final Map<String, Unit> unitOf = new HashMap<>();
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, InterfaceChannel> channels = new LinkedHashMap<>();
    /** This namespace's interfaces by name, as of start or the last reload (shared with {@link KernelActions}). */
    private final Map<String, InterfaceInfo> interfaces = new HashMap<>();
    private final Map<String, VrrpState> reported = new HashMap<>();
    private final Map<String, Instant> lastChange = new HashMap<>();
    private final Map<String, String> lastReason = new HashMap<>();
    private final Map<String, String> lastSendError = new HashMap<>();
    private final TimerQueue<TimerKey> timers = new TimerQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private NetlinkSocket route;
    private LinkMonitor linkMonitor;
    private final LinkStateTracker links = new LinkStateTracker();
    private KernelActions kernel;
    private TrackScripts scripts;
    private Poller poller;
    private Thread thread;
    private volatile List<InstanceStatus> snapshot = List.of();
    private volatile boolean running;
    private boolean stopping;
    /** What killed the VRRP thread, if something did. */
    private Throwable fault;

    public VrrpRuntime(VrrpConfig config, VrrpListener listener, RuntimeOptions options, ScriptRunner scriptRunner) {
        this(config, listener, options, scriptRunner, Clock.systemUTC());
    }

    VrrpRuntime(VrrpConfig config, VrrpListener listener, RuntimeOptions options, ScriptRunner scriptRunner,
                Clock clock) {
        this.config = config;
        this.listener = listener;
        this.options = options;
        this.scriptRunner = scriptRunner;
        this.clock = clock;
        addUnits(config, config.instances().stream().map(InstanceConfig::name).collect(Collectors.toSet()));
    }

    /**
     * Builds the instances named in {@code names} (all from {@code cfg}), in sync groups where {@code cfg} puts
     * them, and returns the new units.
     */
    private List<Unit> addUnits(VrrpConfig cfg, Set<String> names) {
        Map<String, InstanceConfig> byName = new LinkedHashMap<>();
        cfg.instances().stream().filter(i -> names.contains(i.name())).forEach(i -> byName.put(i.name(), i));
        configs.putAll(byName);
        List<Unit> added = new ArrayList<>();
        for (SyncGroupConfig g : cfg.syncGroups()) {
            List<InstanceSpec> specs = g.members().stream().filter(byName::containsKey)
                    .map(n -> byName.get(n).spec()).toList();
            if (specs.isEmpty()) {
                continue;
            }
            SyncGroup group = SyncGroup.of(g.name(), specs, g.trackingWeight());
            Unit unit = new Unit() {
                public String group() { return g.name(); }
                public List<Output> start(long now) { return group.start(now); }
                public List<Output> handle(String i, InstanceEvent e, long now) { return group.handle(i, e, now); }
                public List<VrrpInstance> members() { return group.members(); }
            };
            added.add(unit);
            for (VrrpInstance m : group.members()) {
                instances.put(m.name(), m);
                unitOf.put(m.name(), unit);
            }
        }
        for (InstanceConfig ic : byName.values()) {
            if (unitOf.containsKey(ic.name())) {
                continue;
            }
            VrrpInstance vi = new VrrpInstance(ic.spec());
            Unit unit = new Unit() {
                public String group() { return null; }
                public List<Output> start(long now) { return tag(vi, vi.handle(InstanceEvent.START, now)); }
                public List<Output> handle(String i, InstanceEvent e, long now) { return tag(vi, vi.handle(e, now)); }
                public List<VrrpInstance> members() { return List.of(vi); }
            };
            added.add(unit);
            instances.put(vi.name(), vi);
            unitOf.put(vi.name(), unit);
        }
        units.addAll(added);
        return added;
    }

    private static List<Output> tag(VrrpInstance vi, List<InstanceAction> actions) {
        return actions.stream().map(a -> new Output(vi.name(), a)).toList();
    }

    /**
     * Opens every socket (on the calling thread, so failures are reported here), then starts the VRRP thread, which
     * puts every instance in BACKUP (init) or FAULT (init) and removes stale VIPs.
     *
     * @throws IOException when a socket cannot be opened or an interface has vanished; nothing is left open
     */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        try {
            route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0);
            linkMonitor = LinkMonitor.open(false); // its own socket: requests never read our notifications
            links.seed(refreshInterfaces());
            poller = new Poller();
            poller.register(linkMonitor.fd());
            for (InstanceConfig ic : config.instances()) {
                attach(ic);
            }
            kernel = new KernelActions(route, PacketSocket.open(0), interfaces);
            scripts = new TrackScripts(config.scripts(), scriptRunner);
            // initial link states, before Start (keepalived reads them at startup too)
            instances.keySet().forEach(this::seedLinkStates);
        } catch (IOException | RuntimeException e) {
            closeResources();
            throw e;
        }
        warmUp();
        running = true;
        publishSnapshot();
        thread = new Thread(this::run, "vrrp");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs the takeover path (state machine, advert encoding, GARP frames, netlink request building) on scratch
     * copies with a virtual clock, enough times for the JIT to compile it: a cold first takeover would otherwise
     * spend milliseconds loading classes and interpreting, all of it added to the failover time.
     */
    private void warmUp() {
        // the code is shared by all instances: a total budget, not a per-instance one, keeps big configs fast
        int rounds = Math.max(1, WARM_UP_RUNS / Math.max(1, config.instances().size()));
        for (int round = 0; round < rounds; round++) {
            for (InstanceConfig ic : config.instances()) {
                VrrpInstance scratch = new VrrpInstance(ic.spec());
                scratch.handle(InstanceEvent.START, 0);
                for (AdvertFactory.Outbound o : AdvertFactory.datagrams(ic.spec(), ic.spec().priority())) {
                    if (AdvertDecoder.decode(o.datagram(), 0, o.datagram().length)
                            instanceof DecodeResult.Decoded d) {
                        scratch.handle(new InstanceEvent.AdvertReceived(d.packet()), 1);
                    }
                }
                scratch.handle(InstanceEvent.timer(TimerKind.MASTER_DOWN), Long.MAX_VALUE / 2);
                kernel.warmUp(ic);
                timers.cancel(new InstanceTimer(ic.name(), TimerKind.ADVERT));
            }
        }
    }

    private static final int WARM_UP_RUNS = 500;

    /** Re-reads this namespace's interfaces into {@link #interfaces}; returns them. */
    private List<InterfaceInfo> refreshInterfaces() throws IOException {
        List<InterfaceInfo> all = new InterfaceLookup(route).all();
        interfaces.clear();
        all.forEach(i -> interfaces.put(i.name(), i));
        return all;
    }

    /** Routes the instance's adverts to it, opening its interface's sockets if no instance uses them yet. */
    private void attach(InstanceConfig ic) throws IOException {
        String ifname = ic.spec().interfaceName();
        InterfaceChannel ch = channels.get(ifname);
        if (ch == null) {
            InterfaceInfo info = interfaces.get(ifname);
            if (info == null) {
                throw new IOException("(" + ic.name() + ") interface " + ifname + " not found");
            }
            if (info.primaryIpv4() == null) {
                info = info.withPrimaryIpv4(ic.spec().sourceAddress());
            }
            ch = InterfaceChannel.open(info, options.logUnknownVrids());
            channels.put(ifname, ch);
            poller.register(ch.receiveFd());
        }
        ch.dispatcher().register(instances.get(ic.name()));
    }

    /** Tells the instance which of its tracked interfaces are down, before it starts. */
    private void seedLinkStates(String instance) {
        for (String ifname : trackedInterfaces(instances.get(instance).spec())) {
            InterfaceInfo info = interfaces.get(ifname);
            if (info == null || !info.isUp()) {
                execute(unitOf.get(instance).handle(instance, new InstanceEvent.LinkChanged(ifname, false),
                        System.nanoTime()));
            }
        }
    }

    private static List<String> trackedInterfaces(InstanceSpec spec) {
        List<String> out = new ArrayList<>();
        out.add(spec.interfaceName());
        for (TrackedObject t : spec.tracked()) {
            if (t.kind() == TrackedObject.Kind.INTERFACE && !out.contains(t.name())) {
                out.add(t.name());
            }
        }
        return out;
    }

    /** Completes once every instance has entered its initial state. */
    public CompletableFuture<Void> started() {
        return started;
    }

    // ---- the loop ----------------------------------------------------------------------------------------

    private void run() {
        try {
            try {
                Poller.tightenTimerSlack(options.timerSlack().toNanos());
            } catch (ErrnoException e) {
                LOG.warn("Cannot tighten the VRRP thread's timer slack: {}", e.getMessage());
            }
            if (options.realtimePriority() > 0) {
                try {
                    Poller.realtimePriority(options.realtimePriority());
                } catch (ErrnoException e) {
                    LOG.warn("Cannot give the VRRP thread realtime priority: {}", e.getMessage());
                }
            }
            long now = System.nanoTime();
            for (Unit u : units) {
                execute(u.start(now));
            }
            for (String s : scripts.names()) {
                timers.schedule(new ScriptTimer(s), now);
            }
            publishSnapshot();
            started.complete(null);
            while (!stopping) {
                long next = timers.nextDeadline();
                long timeout = next == Long.MAX_VALUE ? -1 : Math.max(0, next - System.nanoTime());
                Poller.Ready ready = poller.poll(timeout);
                try {
                    serve(ready);
                } catch (RuntimeException e) {
                    // a bug handling one event must not stop VRRP: log it and keep serving
                    LOG.error("VRRP thread: unexpected error, continuing: {}", e.toString(), e);
                }
            }
        } catch (Throwable e) { // a dead VRRP thread is reported, whatever killed it: the supervisor restarts it
            fault = e;
            LOG.error("VRRP thread failed: {}", e.toString(), e);
            started.completeExceptionally(e);
        } finally {
            running = false;
            scripts.clear();
            closeResources();
            if (fault == null) {
                stopped.complete(null);
            } else {
                stopped.completeExceptionally(fault);
            }
        }
    }

    private void serve(Poller.Ready ready) throws IOException {
        for (InterfaceChannel ch : channels.values()) {
            if (ready.isReady(ch.receiveFd())) {
                receive(ch);
            }
        }
        if (ready.isReady(linkMonitor.fd())) {
            linkEvents();
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        fireTimers();
        publishSnapshot();
    }

    private void fireTimers() {
        for (TimerKey key : timers.pollDue(System.nanoTime())) {
            long now = System.nanoTime();
            if (key instanceof InstanceTimer t) {
                deliver(t.instance(), InstanceEvent.timer(t.kind()), now);
            } else if (key instanceof ScriptTimer s) {
                long interval = scripts.launch(s.script(), (name, outcome) -> post(() -> scriptResult(name, outcome)));
                timers.schedule(s, now + interval);
            }
        }
    }

    private void receive(InterfaceChannel ch) throws ErrnoException {
        RawIpSocket.Datagram d;
        while ((d = ch.tryReceive()) != null) {
            ByteBuffer p = d.packet();
            byte[] bytes = new byte[p.remaining()];
            p.get(bytes);
            DecodeResult r = AdvertDecoder.decode(bytes, 0, bytes.length);
            if (r instanceof DecodeResult.Malformed m) {
                LOG.info("{}", m.logLine());
                continue;
            }
            ReceivedAdvert packet = ((DecodeResult.Decoded) r).packet();
            VrrpInstance vi = ch.dispatcher().route(packet).orElse(null);
            if (vi != null && instances.get(vi.name()) != vi) {
                vi = null; // removed by a reload; the VRID is free again
            }
            if (vi == null) {
                String line = ch.dispatcher().ignored(packet).logLine();
                if (line != null) {
                    LOG.info("{}", line);
                }
                continue;
            }
            handleAdvert(vi, packet);
        }
    }

    private void handleAdvert(VrrpInstance vi, ReceivedAdvert packet) {
        Map<Counter, Long> before = vi.stats().snapshot();
        List<Output> out = unitOf.get(vi.name()).handle(vi.name(), new InstanceEvent.AdvertReceived(packet),
                System.nanoTime());
        rejectedUnder(before, vi.stats().snapshot()).ifPresent(reason -> listener.advertRejected(vi.name(),
                packet.advert().vrid(), packet.ip().source(), reason, firstLogLine(out)));
        execute(out);
    }

    /** The error counter that moved between two snapshots, if any. */
    static java.util.Optional<String> rejectedUnder(Map<Counter, Long> before, Map<Counter, Long> after) {
        for (Counter c : Counter.values()) {
            if (!NOT_ERRORS.contains(c) && !after.get(c).equals(before.get(c))) {
                return java.util.Optional.of(c.name());
            }
        }
        return java.util.Optional.empty();
    }

    private static String firstLogLine(List<Output> out) {
        return out.stream().filter(o -> o.action() instanceof InstanceAction.LogLine)
                .map(o -> ((InstanceAction.LogLine) o.action()).text()).findFirst().orElse("");
    }

    private void linkEvents() throws NetlinkException {
        for (RtnlEvent e : linkMonitor.drain()) {
            if (e instanceof LinkEvent le) {
                links.update(le).ifPresent(changed -> linkChanged(changed.name(), !changed.deleted() && changed.up()));
            } else if (e instanceof RtnlEvent.Overrun) {
                for (InterfaceInfo info : new InterfaceLookup(route).all()) {
                    links.update(new LinkEvent(info.index(), info.name(), info.isUp(), info.operState(),
                            info.flags(), false)).ifPresent(c -> linkChanged(c.name(), c.up()));
                }
            }
        }
    }

    private void linkChanged(String ifname, boolean up) {
        long now = System.nanoTime();
        for (VrrpInstance vi : instances.values()) {
            if (trackedInterfaces(vi.spec()).contains(ifname)) {
                deliver(vi.name(), new InstanceEvent.LinkChanged(ifname, up), now);
            }
        }
    }

    private void scriptResult(String name, ScriptOutcome outcome) {
        if (stopping) {
            return;
        }
        ScriptTracker.Update u = scripts.onResult(name, outcome);
        u.logLines().forEach(l -> LOG.info("{}", l));
        if (!u.changed()) {
            return;
        }
        long now = System.nanoTime();
        for (VrrpInstance vi : instances.values()) {
            boolean tracks = vi.spec().tracked().stream()
                    .anyMatch(t -> t.kind() == TrackedObject.Kind.SCRIPT && t.name().equals(name));
            if (tracks) {
                deliver(vi.name(), new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, name, u.nowOk()), now);
            }
        }
    }

    private void deliver(String instance, InstanceEvent event, long now) {
        execute(unitOf.get(instance).handle(instance, event, now));
    }

    private void post(Runnable task) {
        tasks.add(task);
        Poller p = poller;
        if (p != null) {
            p.wakeup();
        }
    }

    // ---- actions -----------------------------------------------------------------------------------------

    /**
     * Carries out actions in two passes: first what goes on the wire or into the kernel (adverts, VIPs, GARP,
     * timers), then log lines and notifications, each pass in the machine's order. Logging is file I/O; doing it
     * after the packets keeps it out of the takeover time.
     */
    private void execute(List<Output> outputs) {
        List<Output> later = new ArrayList<>();
        for (Output o : outputs) {
            InstanceAction a = o.action();
            if (a instanceof InstanceAction.LogLine || a instanceof InstanceAction.Notify
                    || a instanceof InstanceAction.PriorityChanged
                    || a instanceof InstanceAction.NotifyMasterRxLowerPriority) {
                later.add(o);
            } else {
                executeOne(o);
            }
        }
        later.forEach(this::executeOne);
    }

    private void executeOne(Output o) {
        InstanceConfig ic = configs.get(o.source());
        if (ic == null) {
            groupAction(o.source(), o.action());
            return;
        }
        try {
            execute(ic, o.action());
        } catch (RuntimeException e) {
            LOG.error("({}) failed to carry out {}: {}", ic.name(), o.action(), e.toString(), e);
        }
    }

    private void groupAction(String group, InstanceAction action) {
        if (action instanceof InstanceAction.LogLine l) {
            log(l);
        } else if (action instanceof InstanceAction.Notify n) {
            listener.groupStateChanged(group, n.state(), n.reason());
        }
    }

    private void execute(InstanceConfig ic, InstanceAction action) {
        String name = ic.name();
        VrrpInstance vi = instances.get(name);
        if (action instanceof InstanceAction.SendAdvert a) {
            sendAdvert(ic, vi, a.priority());
        } else if (action instanceof InstanceAction.AddVips a) {
            kernel.addVips(ic, a.addresses());
        } else if (action instanceof InstanceAction.RemoveVips r) {
            if (!stopping || options.releaseVipsOnStop()) {
                kernel.removeVips(ic, r.addresses());
            }
        } else if (action instanceof InstanceAction.SendGarp g) {
            kernel.garp(ic, g.addresses(), g.repeat());
        } else if (action instanceof InstanceAction.ScheduleTimer t) {
            timers.schedule(new InstanceTimer(name, t.kind()), t.deadlineNanos());
        } else if (action instanceof InstanceAction.CancelTimer t) {
            timers.cancel(new InstanceTimer(name, t.kind()));
        } else if (action instanceof InstanceAction.LogLine l) {
            log(l);
        } else if (action instanceof InstanceAction.Notify n) {
            notify(ic, vi, n);
        } else if (action instanceof InstanceAction.PriorityChanged p) {
            listener.priorityChanged(name, vi.state(), p.from(), p.to());
        } else if (action instanceof InstanceAction.NotifyMasterRxLowerPriority n) {
            listener.masterRxLowerPriority(name, vi.effectivePriority(), n.source());
        }
    }

    private void sendAdvert(InstanceConfig ic, VrrpInstance vi, int priority) {
        InterfaceChannel ch = channels.get(ic.spec().interfaceName());
        try {
            ch.send(AdvertFactory.datagrams(vi.spec(), priority));
            lastSendError.remove(ic.name());
        } catch (ErrnoException e) {
            // an interface going down makes every advert fail: say so once per distinct error
            if (!e.getMessage().equals(lastSendError.put(ic.name(), e.getMessage()))) {
                LOG.warn("({}) cannot send advert on {}: {}", ic.name(), ch.name(), e.getMessage());
            }
        }
    }

    private void notify(InstanceConfig ic, VrrpInstance vi, InstanceAction.Notify n) {
        VrrpState from = reported.getOrDefault(ic.name(), VrrpState.INIT);
        reported.put(ic.name(), n.state());
        lastChange.put(ic.name(), clock.instant());
        lastReason.put(ic.name(), n.reason());
        listener.stateChanged(new VrrpListener.StateChange(ic.name(), from, n.state(), n.reason(), n.priority(),
                masterOf(vi)));
    }

    /** Ours while MASTER, the last accepted master's while BACKUP, unknown otherwise. */
    private static Inet4Address masterOf(VrrpInstance vi) {
        return switch (vi.state()) {
            case MASTER -> vi.spec().sourceAddress();
            case BACKUP -> vi.masterAddress();
            default -> null;
        };
    }

    private static void log(InstanceAction.LogLine l) {
        if (l.detail()) {
            LOG.debug("{}", l.text());
        } else {
            LOG.info("{}", l.text());
        }
    }

    // ---- status ------------------------------------------------------------------------------------------

    private void publishSnapshot() {
        List<InstanceStatus> out = new ArrayList<>(instances.size());
        for (InstanceConfig ic : configs.values()) {
            VrrpInstance vi = instances.get(ic.name());
            out.add(new InstanceStatus(ic.name(), ic.spec().interfaceName(), ic.spec().vrid(), vi.state(),
                    ic.spec().priority(), vi.effectivePriority(), masterOf(vi), ic.spec().vips(), vi.vipsSet(),
                    lastChange.get(ic.name()), lastReason.get(ic.name()), ic.syncGroup(), vi.stats().snapshot()));
        }
        snapshot = List.copyOf(out);
    }

    /** Every instance's status in configuration order, as of the VRRP thread's last event. Any thread. */
    public List<InstanceStatus> snapshot() {
        return snapshot;
    }

    /** keepalived's {@code /tmp/keepalived.stats} text (SIGUSR2). Any thread. */
    public String statsText() {
        Map<String, Map<Counter, Long>> counters = new LinkedHashMap<>();
        snapshot.forEach(s -> counters.put(s.name(), s.counters()));
        return StatsWriter.file(counters);
    }

    public boolean isRunning() {
        return running;
    }

    // ---- reload ------------------------------------------------------------------------------------------

    /**
     * Applies a reloaded configuration (SIGHUP) on the VRRP thread, as keepalived's {@code clear_diff_vrrp()}:
     * <ul>
     *   <li>a running instance gets its new settings (priority, VIPs, timers, ...) and keeps its state: no
     *       transition, no notification;</li>
     *   <li>an instance no longer configured stops: a MASTER sends a priority-0 advert and releases its VIPs, routes
     *       and rules, and {@link VrrpListener#instanceDeleted} is told; its interface's sockets close when no
     *       instance uses them any more;</li>
     *   <li>a new instance (or sync group) starts as at daemon start, opening its interface's sockets if needed;</li>
     *   <li>an instance whose interface, VRID or sync group changed (or whose sync group gained or lost members) is
     *       removed and started again.</li>
     * </ul>
     * Any thread; the returned future completes once the VRRP thread has applied it (never if that thread is dead).
     */
    public CompletableFuture<Void> reload(VrrpConfig next) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        post(() -> {
            try {
                applyReload(next);
            } finally {
                applied.complete(null);
            }
        });
        return applied;
    }

    private void applyReload(VrrpConfig next) {
        if (stopping) {
            return;
        }
        long now = System.nanoTime();
        ReloadPlan plan = ReloadPlan.of(configs.values(), next);
        plan.removed().forEach(name -> remove(name, false, now));
        plan.replaced().forEach(name -> remove(name, true, now));
        units.removeIf(u -> u.members().stream().anyMatch(m -> instances.get(m.name()) != m));
        closeUnusedChannels();
        for (InstanceConfig ic : plan.updated()) {
            configs.put(ic.name(), ic);
            deliver(ic.name(), new InstanceEvent.Reload(ic.spec()), now);
        }
        config = next;
        for (String s : scripts.add(next.scripts())) {
            timers.schedule(new ScriptTimer(s), now);
        }
        if (!plan.added().isEmpty()) {
            startAdded(next, new LinkedHashSet<>(plan.added()), now);
        }
        List<InstanceConfig> ordered = next.instances().stream().filter(ic -> configs.containsKey(ic.name())).toList();
        configs.clear(); // status lists instances in the new configuration's order
        ordered.forEach(ic -> configs.put(ic.name(), ic));
        publishSnapshot();
    }

    /**
     * Stops an instance a reload removed (or changed beyond a settings update): keepalived's
     * {@code vrrp_restore_interface()} for a MASTER (priority-0 advert, VIPs, routes and rules released), then the
     * deletion is reported instead of STOP. The instance is forgotten.
     */
    private void remove(String name, boolean replaced, long now) {
        VrrpInstance vi = instances.get(name);
        VrrpState last = vi.state();
        int priority = vi.effectivePriority();
        LOG.info("({}) {}", name, replaced ? "interface, virtual_router_id or sync group changed by reload: restarting"
                : "removed by reload");
        execute(tag(vi, vi.handle(InstanceEvent.SHUTDOWN, now)).stream()
                .filter(o -> !(o.action() instanceof InstanceAction.Notify)).toList());
        for (TimerKind kind : TimerKind.values()) {
            timers.cancel(new InstanceTimer(name, kind));
        }
        listener.instanceDeleted(name, last, priority);
        instances.remove(name);
        configs.remove(name);
        unitOf.remove(name);
        reported.remove(name);
        lastChange.remove(name);
        lastReason.remove(name);
        lastSendError.remove(name);
    }

    /** Closes the sockets of interfaces no instance runs on any more. */
    private void closeUnusedChannels() {
        Set<String> used = configs.values().stream().map(ic -> ic.spec().interfaceName()).collect(Collectors.toSet());
        channels.entrySet().removeIf(e -> {
            if (used.contains(e.getKey())) {
                return false;
            }
            poller.unregister(e.getValue().receiveFd());
            e.getValue().close();
            return true;
        });
    }

    /** Starts instances a reload added, as at daemon start; one that cannot start is logged and left out. */
    private void startAdded(VrrpConfig next, Set<String> names, long now) {
        try {
            refreshInterfaces();
        } catch (IOException e) {
            LOG.error("Cannot list interfaces: instances added by reload not started: {}", e.getMessage());
            return;
        }
        for (Unit u : addUnits(next, names)) {
            try {
                for (VrrpInstance m : u.members()) {
                    attach(configs.get(m.name()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("({}) cannot start: {}", u.group() != null ? u.group() : u.members().get(0).name(),
                        e.getMessage());
                units.remove(u);
                u.members().forEach(m -> {
                    instances.remove(m.name());
                    configs.remove(m.name());
                    unitOf.remove(m.name());
                });
                closeUnusedChannels();
                continue;
            }
            for (VrrpInstance m : u.members()) {
                LOG.info("({}) added by reload", m.name());
                seedLinkStates(m.name());
                seedScriptStates(m.name());
            }
            execute(u.start(now));
        }
    }

    /** Tells a new instance the last result of each running script it tracks (trackers only report changes). */
    private void seedScriptStates(String instance) {
        for (TrackedObject t : instances.get(instance).spec().tracked()) {
            Boolean ok = t.kind() == TrackedObject.Kind.SCRIPT ? scripts.ok(t.name()) : null;
            if (ok != null) {
                deliver(instance, new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, t.name(), ok),
                        System.nanoTime());
            }
        }
    }

    // ---- faults ------------------------------------------------------------------------------------------

    /** Thrown on the VRRP thread by {@link #injectFault()}: escapes the loop as an uncaught bug would. */
    static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault() {
            super("fault injected into the VRRP thread");
        }
    }

    /**
     * Fault-injection seam for supervision tests: the VRRP thread dies as if a bug had escaped its loop (no
     * priority-0 advert, VIPs left in place, sockets closed), and {@link #stopped()} completes with the fault. Any
     * thread; does not wait.
     */
    public void injectFault() {
        post(() -> {
            throw new InjectedFault();
        });
    }

    /**
     * Completes when the VRRP thread has ended: normally after {@link #shutdown}, exceptionally with what killed it
     * otherwise.
     */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    // ---- stop --------------------------------------------------------------------------------------------

    /**
     * Orderly stop: every MASTER sends a priority-0 advert and removes its VIPs, STOP is notified, sockets are
     * closed. Waits at most {@code limit}; returns whether the VRRP thread finished in time. Any thread.
     */
    public boolean shutdown(Duration limit) {
        if (thread == null) {
            closeResources();
            return true;
        }
        post(() -> {
            if (stopping) {
                return;
            }
            long now = System.nanoTime();
            for (Unit u : units) {
                for (VrrpInstance m : u.members()) {
                    stopping = true;
                    execute(u.handle(m.name(), InstanceEvent.SHUTDOWN, now));
                }
            }
            stopping = true;
            publishSnapshot();
        });
        try {
            stopped.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.error("VRRP thread did not stop within {} ms", limit.toMillis());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2));
    }

    private void closeResources() {
        channels.values().forEach(InterfaceChannel::close);
        channels.clear();
        if (kernel != null) {
            kernel.close();
        }
        if (linkMonitor != null) {
            linkMonitor.close();
        }
        if (route != null) {
            route.close();
        }
        if (poller != null) {
            poller.close();
        }
    }
}
