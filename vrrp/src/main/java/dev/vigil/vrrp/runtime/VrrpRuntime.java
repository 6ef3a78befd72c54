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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        List<Output> start(long now);
        List<Output> handle(String instance, InstanceEvent event, long now);
        List<VrrpInstance> members();
    }

    private final VrrpConfig config;
    private final VrrpListener listener;
    private final RuntimeOptions options;
    private final ScriptRunner scriptRunner;
    private final Clock clock;

    private final Map<String, InstanceConfig> configs = new LinkedHashMap<>();
    private final Map<String, VrrpInstance> instances = new LinkedHashMap<>();
    private final Map<String, Unit> unitOf = new HashMap<>();
    private final List<Unit> units = new ArrayList<>();
    private final Map<String, InterfaceChannel> channels = new LinkedHashMap<>();
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
        buildInstances();
    }

    private void buildInstances() {
        Map<String, InstanceConfig> byName = new LinkedHashMap<>();
        config.instances().forEach(i -> byName.put(i.name(), i));
        configs.putAll(byName);
        for (SyncGroupConfig g : config.syncGroups()) {
            List<InstanceSpec> specs = g.members().stream().filter(byName::containsKey)
                    .map(n -> byName.get(n).spec()).toList();
            if (specs.isEmpty()) {
                continue;
            }
            SyncGroup group = SyncGroup.of(g.name(), specs, g.trackingWeight());
            Unit unit = new Unit() {
                public List<Output> start(long now) { return group.start(now); }
                public List<Output> handle(String i, InstanceEvent e, long now) { return group.handle(i, e, now); }
                public List<VrrpInstance> members() { return group.members(); }
            };
            units.add(unit);
            for (VrrpInstance m : group.members()) {
                instances.put(m.name(), m);
                unitOf.put(m.name(), unit);
            }
        }
        for (InstanceConfig ic : config.instances()) {
            if (unitOf.containsKey(ic.name())) {
                continue;
            }
            VrrpInstance vi = new VrrpInstance(ic.spec());
            Unit unit = new Unit() {
                public List<Output> start(long now) { return tag(vi, vi.handle(InstanceEvent.START, now)); }
                public List<Output> handle(String i, InstanceEvent e, long now) { return tag(vi, vi.handle(e, now)); }
                public List<VrrpInstance> members() { return List.of(vi); }
            };
            units.add(unit);
            instances.put(vi.name(), vi);
            unitOf.put(vi.name(), unit);
        }
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
            List<InterfaceInfo> all = new InterfaceLookup(route).all();
            Map<String, InterfaceInfo> byName = new HashMap<>();
            all.forEach(i -> byName.put(i.name(), i));
            links.seed(all);
            for (InstanceConfig ic : config.instances()) {
                String ifname = ic.spec().interfaceName();
                InterfaceChannel ch = channels.get(ifname);
                if (ch == null) {
                    InterfaceInfo info = byName.get(ifname);
                    if (info == null) {
                        throw new IOException("(" + ic.name() + ") interface " + ifname + " not found");
                    }
                    if (info.primaryIpv4() == null) {
                        info = info.withPrimaryIpv4(ic.spec().sourceAddress());
                    }
                    ch = InterfaceChannel.open(info, options.logUnknownVrids());
                    channels.put(ifname, ch);
                }
                ch.dispatcher().register(instances.get(ic.name()));
            }
            kernel = new KernelActions(route, PacketSocket.open(0), byName);
            scripts = new TrackScripts(config.scripts(), scriptRunner);
            poller = new Poller();
            poller.register(linkMonitor.fd());
            channels.values().forEach(ch -> poller.register(ch.receiveFd()));
            // initial link states, before Start (keepalived reads them at startup too)
            for (VrrpInstance vi : instances.values()) {
                for (String ifname : trackedInterfaces(vi.spec())) {
                    InterfaceInfo info = byName.get(ifname);
                    boolean up = info != null && info.isUp();
                    if (!up) {
                        execute(unitOf.get(vi.name()).handle(vi.name(),
                                new InstanceEvent.LinkChanged(ifname, false), System.nanoTime()));
                    }
                }
            }
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
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
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

    private static final int WARM_UP_ROUNDS = 500;

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
        } catch (IOException | RuntimeException e) {
            LOG.error("VRRP thread failed: {}", e.toString(), e);
            started.completeExceptionally(e);
        } finally {
            running = false;
            scripts.clear();
            closeResources();
            stopped.complete(null);
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
            if (vi == null) {
                String line = ch.dispatcher().ignored(packet).logLine();
                if (line != null) {
                    LOG.info("{}", line);
                }
                continue;
            }
            Map<Counter, Long> before = vi.stats().snapshot();
            List<Output> out = unitOf.get(vi.name()).handle(vi.name(), new InstanceEvent.AdvertReceived(packet),
                    System.nanoTime());
            rejectedUnder(before, vi.stats().snapshot()).ifPresent(reason -> listener.advertRejected(vi.name(),
                    packet.advert().vrid(), packet.ip().source(), reason, firstLogLine(out)));
            execute(out);
        }
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
        {
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
     * Applies a reloaded configuration (SIGHUP) on the VRRP thread: each running instance gets its new settings
     * (priority, VIPs, timers, ...) keeping its state. Adding or removing instances, or changing an instance's
     * interface, VRID or sync group, is logged and needs a restart. Any thread; does not wait.
     */
    public void reload(VrrpConfig next) {
        post(() -> applyReload(next));
    }

    private void applyReload(VrrpConfig next) {
        if (stopping) {
            return;
        }
        long now = System.nanoTime();
        for (InstanceConfig ic : next.instances()) {
            InstanceConfig old = configs.get(ic.name());
            if (old == null) {
                LOG.warn("({}) added by reload: restart vigil to run it", ic.name());
            } else if (old.spec().vrid() != ic.spec().vrid()
                    || !old.spec().interfaceName().equals(ic.spec().interfaceName())
                    || !java.util.Objects.equals(old.syncGroup(), ic.syncGroup())) {
                LOG.warn("({}) interface, virtual_router_id or sync group changed: restart vigil to apply it",
                        ic.name());
            } else {
                configs.put(ic.name(), ic);
                if (!old.spec().equals(ic.spec())) {
                    deliver(ic.name(), new InstanceEvent.Reload(ic.spec()), now);
                }
            }
        }
        for (String name : configs.keySet()) {
            if (next.instance(name).isEmpty()) {
                LOG.warn("({}) removed by reload: still running until vigil restarts", name);
            }
        }
        publishSnapshot();
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
