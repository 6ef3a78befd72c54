package dev.vigil.daemon;

import dev.vigil.conf.model.KeepalivedConfig;
import dev.vigil.conf.model.NotifyScript;
import dev.vigil.conf.model.Notifies;
import dev.vigil.conf.model.VrrpInstance;
import dev.vigil.conf.model.VrrpSyncGroup;
import dev.vigil.linux.process.ScriptCommand;
import dev.vigil.notify.NotifyDispatcher;
import dev.vigil.notify.NotifyState;
import dev.vigil.notify.VrrpNotifyScripts;
import dev.vigil.notify.events.EventLog;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.runtime.VrrpListener;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connects the VRRP runtime to notify: state changes run the instance's (or group's) notify scripts, FIFO lines
 * and alert mail through {@link NotifyDispatcher}, and become structured events. Runs on the VRRP thread, so it
 * only starts or queues work. Rejected adverts are reported at most once per {@link #REJECT_INTERVAL_NANOS} for
 * each (instance, source, reason): a misconfigured peer sends one every second.
 */
final class VrrpNotifier implements VrrpListener {
    static final long REJECT_INTERVAL_NANOS = 60_000_000_000L;

    private final NotifyDispatcher dispatcher;
    private volatile Map<String, VrrpInstance> instances = Map.of();
    /** The instances the last update dropped: a deletion is notified with their settings. */
    private volatile Map<String, VrrpInstance> dropped = Map.of();
    private volatile Map<String, VrrpSyncGroup> groups = Map.of();
    private final Map<String, VrrpState> groupStates = new HashMap<>();
    private final Map<String, Long> lastRejection = new HashMap<>();
    private final java.util.function.LongSupplier nanoClock;
    private volatile java.util.function.BiConsumer<String, Boolean> masterFollower = (instance, master) -> { };

    VrrpNotifier(NotifyDispatcher dispatcher, KeepalivedConfig config) {
        this(dispatcher, config, System::nanoTime);
    }

    VrrpNotifier(NotifyDispatcher dispatcher, KeepalivedConfig config, java.util.function.LongSupplier nanoClock) {
        this.dispatcher = dispatcher;
        this.nanoClock = nanoClock;
        update(config);
    }

    /** A reloaded configuration's notify settings (called on the supervisor thread, read on the VRRP thread). */
    void update(KeepalivedConfig config) {
        Map<String, VrrpInstance> i = new HashMap<>();
        config.vrrpInstances().forEach(vi -> i.put(vi.name(), vi));
        Map<String, VrrpSyncGroup> g = new HashMap<>();
        config.vrrpSyncGroups().forEach(sg -> g.put(sg.name(), sg));
        Map<String, VrrpInstance> gone = new HashMap<>(instances);
        gone.keySet().removeAll(i.keySet());
        dropped = Map.copyOf(gone);
        instances = Map.copyOf(i);
        groups = Map.copyOf(g);
    }

    /** Told (on the VRRP thread; must not block) when an instance enters or leaves MASTER: lvs_sync_daemon. */
    void followMaster(java.util.function.BiConsumer<String, Boolean> follower) {
        masterFollower = follower;
    }

    @Override
    public void stateChanged(StateChange c) {
        if ((c.from() == VrrpState.MASTER) != (c.to() == VrrpState.MASTER)) {
            masterFollower.accept(c.instance(), c.to() == VrrpState.MASTER);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("instance", c.instance());
        fields.put("from", c.from().name());
        fields.put("to", c.to().name());
        fields.put("reason", c.reason() == null ? "" : c.reason());
        fields.put("priority", c.priority());
        if (c.masterAddress() != null) {
            fields.put("master_ip", c.masterAddress().getHostAddress());
        }
        EventLog.emit("vrrp.state_change", fields);
        VrrpInstance vi = instances.get(c.instance());
        NotifyState state = notifyState(c.to());
        if (vi == null || state == null) {
            return;
        }
        dispatcher.instanceState(c.instance(), state, c.priority(), scripts(vi.notifies()), vi.smtpAlert(), false);
    }

    /**
     * keepalived's {@code clear_diff_vrrp()}: a deleted instance that was MASTER or BACKUP is notified DELETED with
     * {@code notify_deleted} (notify_deleted script, generic {@code ... DELETED prio}, FIFO, mail "Deleted") and as
     * FAULT without it; one already in FAULT only with {@code notify_deleted}.
     */
    @Override
    public void instanceDeleted(String instance, VrrpState lastState, int priority) {
        if (lastState == VrrpState.MASTER) {
            masterFollower.accept(instance, false);
        }
        EventLog.emit("vrrp.instance_deleted", Map.of("instance", instance, "from", lastState.name(),
                "priority", priority));
        VrrpInstance vi = dropped.getOrDefault(instance, instances.get(instance));
        boolean notifyDeleted = vi != null && vi.notifies() != null && vi.notifies().deleted() != null;
        if (vi == null || (lastState == VrrpState.FAULT && !notifyDeleted)) {
            return;
        }
        dispatcher.instanceState(instance, NotifyState.DELETED, priority, scripts(vi.notifies()), vi.smtpAlert(),
                notifyDeleted);
    }

    @Override
    public void groupStateChanged(String group, VrrpState state, String reason) {
        VrrpState from = groupStates.put(group, state);
        EventLog.emit("vrrp.group_state_change", Map.of("group", group,
                "from", from == null ? "INIT" : from.name(), "to", state.name()));
        VrrpSyncGroup g = groups.get(group);
        NotifyState ns = notifyState(state);
        if (g != null && ns != null) {
            dispatcher.groupState(group, ns, scripts(g.notifies()), g.smtpAlert());
        }
    }

    @Override
    public void priorityChanged(String instance, VrrpState state, int from, int to) {
        EventLog.emit("vrrp.priority_change", Map.of("instance", instance, "from", from, "to", to));
        VrrpInstance vi = instances.get(instance);
        if (vi != null && vi.notifyPriorityChanges()) {
            dispatcher.priorityChanged(instance, state == VrrpState.MASTER, to);
        }
    }

    @Override
    public void masterRxLowerPriority(String instance, int priority, Inet4Address source) {
        VrrpInstance vi = instances.get(instance);
        if (vi != null) {
            dispatcher.masterRxLowerPriority(instance, priority, scripts(vi.notifies()));
        }
    }

    @Override
    public void advertRejected(String instance, int vrid, Inet4Address source, String reason, String logLine) {
        String key = instance + "|" + source.getHostAddress() + "|" + reason;
        long now = nanoClock.getAsLong();
        Long last = lastRejection.get(key);
        if (last != null && now - last < REJECT_INTERVAL_NANOS) {
            return;
        }
        lastRejection.put(key, now);
        EventLog.emitWarning("vrrp.advert_rejected", Map.of("instance", instance, "vrid", vrid,
                "src", source.getHostAddress(), "reason", reason.toLowerCase(java.util.Locale.ROOT)), null);
    }

    private static NotifyState notifyState(VrrpState s) {
        return switch (s) {
            case MASTER -> NotifyState.MASTER;
            case BACKUP -> NotifyState.BACKUP;
            case FAULT -> NotifyState.FAULT;
            case STOP -> NotifyState.STOP;
            case INIT -> null;
        };
    }

    private static VrrpNotifyScripts scripts(Notifies n) {
        if (n == null) {
            return VrrpNotifyScripts.none();
        }
        return new VrrpNotifyScripts(cmd(n.master()), cmd(n.backup()), cmd(n.fault()), cmd(n.stop()),
                cmd(n.deleted()), cmd(n.generic()), cmd(n.masterRxLowerPri()));
    }

    /** null for none, and for {@code notify_deleted} without a script (it only switches FAULT to DELETED). */
    private static ScriptCommand cmd(NotifyScript s) {
        return s == null || s.command().isBlank() ? null : ScriptCommand.parse(s.command(), s.user(), s.group());
    }
}
