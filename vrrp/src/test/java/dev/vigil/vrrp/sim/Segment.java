package dev.vigil.vrrp.sim;

import dev.vigil.vrrp.codec.DecodeResult;
import dev.vigil.vrrp.codec.AdvertDecoder;
import dev.vigil.vrrp.instance.AdvertFactory;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.sync.SyncGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Deterministic event replay for VRRP instances on one simulated Ethernet segment (holo-vrrp style).
 * Events are queued as (time, event); {@link #runUntil} delivers them in time order on a
 * {@link VirtualClock}, turns {@code ScheduleTimer} actions into future {@code TimerFired} events and
 * {@code SendAdvert} actions into real encoded datagrams, which are decoded and delivered to every other
 * connected node with the same VRID. Every action is recorded with its time in {@link #trace()}.
 */
public final class Segment {

    /** One action an instance asked for, when, and which instance. */
    public record Entry(long time, String node, InstanceAction action) {}

    private record Pending(long time, long seq, String node, InstanceEvent event) {}

    private final VirtualClock clock = new VirtualClock();
    private final Map<String, VrrpInstance> nodes = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groupOf = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Set<String> disconnected = new HashSet<>();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final List<Entry> trace = new ArrayList<>();
    private long seq;

    public Segment add(InstanceSpec spec) {
        return add(new VrrpInstance(spec));
    }

    public Segment add(VrrpInstance instance) {
        nodes.put(instance.name(), instance);
        return this;
    }

    /** Adds a sync group; its members become nodes whose events go through the group. */
    public Segment add(SyncGroup group) {
        groups.put(group.name(), group);
        for (VrrpInstance m : group.members()) {
            nodes.put(m.name(), m);
            groupOf.put(m.name(), group);
        }
        return this;
    }

    public SyncGroup group(String name) {
        return groups.get(name);
    }

    public VrrpInstance node(String name) {
        return nodes.get(name);
    }

    public VrrpState state(String name) {
        return nodes.get(name).state();
    }

    public long now() {
        return clock.nanos();
    }

    /** Queues an event for a node at an absolute time. */
    public Segment at(long time, String node, InstanceEvent event) {
        queue.add(new Pending(time, seq++, node, event));
        return this;
    }

    /** Queues a raw datagram (possibly malformed) arriving at a node. */
    public Segment packetAt(long time, String node, byte[] datagram) {
        DecodeResult r = AdvertDecoder.decode(datagram);
        if (r instanceof DecodeResult.Decoded d) {
            return at(time, node, new InstanceEvent.AdvertReceived(d.packet()));
        }
        trace.add(new Entry(time, node, new InstanceAction.LogLine(false, ((DecodeResult.Malformed) r).logLine())));
        return this;
    }

    /** Starts every stand-alone node and every sync group at {@code time}. */
    public Segment startAll(long time) {
        nodes.keySet().stream().filter(n -> !groupOf.containsKey(n)).forEach(n -> at(time, n, InstanceEvent.START));
        groups.keySet().forEach(g -> at(time, g, InstanceEvent.START));
        return this;
    }

    /** Cuts a node off the segment: nothing it sends arrives, nothing reaches it. */
    public Segment disconnect(String node) {
        disconnected.add(node);
        return this;
    }

    public Segment reconnect(String node) {
        disconnected.remove(node);
        return this;
    }

    /** Processes everything queued up to and including {@code time}, then sets the clock to it. */
    public Segment runUntil(long time) {
        while (!queue.isEmpty() && queue.peek().time <= time) {
            Pending p = queue.poll();
            clock.advanceTo(p.time);
            dispatch(p.node, p.event);
        }
        clock.advanceTo(time);
        return this;
    }

    private void dispatch(String target, InstanceEvent event) {
        long now = clock.nanos();
        if (groups.containsKey(target)) {
            groups.get(target).start(now).forEach(o -> perform(o.source(), o.action()));
        } else if (groupOf.containsKey(target)) {
            groupOf.get(target).handle(target, event, now).forEach(o -> perform(o.source(), o.action()));
        } else {
            nodes.get(target).handle(event, now).forEach(a -> perform(target, a));
        }
    }

    private void perform(String source, InstanceAction action) {
        trace.add(new Entry(clock.nanos(), source, action));
        if (action instanceof InstanceAction.ScheduleTimer t) {
            queue.add(new Pending(t.deadlineNanos(), seq++, source, InstanceEvent.timer(t.kind())));
        } else if (action instanceof InstanceAction.SendAdvert s && !disconnected.contains(source)) {
            broadcast(nodes.get(source), s.priority());
        }
    }

    private void broadcast(VrrpInstance from, int priority) {
        for (AdvertFactory.Outbound o : AdvertFactory.datagrams(from.spec(), priority)) {
            for (VrrpInstance to : nodes.values()) {
                boolean addressed = o.destination().isMulticastAddress()
                        || o.destination().equals(to.spec().sourceAddress());
                if (to != from && addressed && !disconnected.contains(to.name())
                        && to.spec().vrid() == from.spec().vrid()) {
                    packetAt(clock.nanos(), to.name(), o.datagram());
                }
            }
        }
    }

    public List<Entry> trace() {
        return List.copyOf(trace);
    }

    /** Actions of one node matching a type, in order. */
    public <T extends InstanceAction> List<T> actions(String node, Class<T> type) {
        return trace.stream().filter(e -> e.node.equals(node) && type.isInstance(e.action))
                .map(e -> type.cast(e.action)).toList();
    }

    /** Entries of one node matching a predicate. */
    public List<Entry> entries(String node, Predicate<InstanceAction> which) {
        return trace.stream().filter(e -> e.node.equals(node) && which.test(e.action)).toList();
    }

    /** Time of the first action of {@code node} satisfying {@code which}, or -1. */
    public long firstTime(String node, Predicate<InstanceAction> which) {
        return entries(node, which).stream().mapToLong(Entry::time).findFirst().orElse(-1);
    }

    /** Log texts (detail lines included) of one node. */
    public List<String> logs(String node) {
        return actions(node, InstanceAction.LogLine.class).stream().map(InstanceAction.LogLine::text).toList();
    }

    /** The node's actions between two times (inclusive), without timer bookkeeping or detail logs. */
    public List<InstanceAction> observable(String node, long from, long to) {
        return trace.stream().filter(e -> e.node.equals(node) && e.time >= from && e.time <= to)
                .map(Entry::action)
                .filter(a -> !(a instanceof InstanceAction.ScheduleTimer) && !(a instanceof InstanceAction.CancelTimer)
                        && !(a instanceof InstanceAction.LogLine l && l.detail()))
                .toList();
    }

    /** Forgets the trace so far (keeps state and queued events). */
    public Segment clearTrace() {
        trace.clear();
        return this;
    }
}
