package dev.vigil.vrrp.instance;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.InstanceAction.LogLine;
import dev.vigil.vrrp.instance.InstanceAction.Notify;
import dev.vigil.vrrp.instance.InstanceAction.NotifyMasterRxLowerPriority;
import dev.vigil.vrrp.instance.InstanceAction.RemoveVips;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceAction.SendGarp;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import dev.vigil.vrrp.stats.Counter;
import dev.vigil.vrrp.stats.InstanceStats;
import dev.vigil.vrrp.validate.AdvertValidator;
import dev.vigil.vrrp.validate.Verdict;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The VRRPv2 state machine of one {@code vrrp_instance}, following keepalived 2.2.7 (vrrp.c,
 * vrrp_scheduler.c, vrrp_track.c). Pure and single-threaded: {@link #handle} takes an event and the
 * current time in nanoseconds and returns the actions to perform, in order. Timers are requested with
 * {@link InstanceAction.ScheduleTimer}; the driver feeds back {@link InstanceEvent.TimerFired}.
 */
public final class VrrpInstance {

    /** Lets a sync group hold a member in BACKUP until every member can become MASTER. */
    public interface SyncGate {
        boolean canGotoMaster(VrrpInstance member);

        /** False while another member of the group is itself faulty (keepalived num_member_fault). */
        default boolean canLeaveFault(VrrpInstance member) {
            return true;
        }

        SyncGate ALWAYS = member -> true;
    }

    private InstanceSpec spec;
    private AdvertValidator validator;
    private final InstanceStats stats = new InstanceStats();
    private final TrackedStates tracked = new TrackedStates();
    private final ActionBuffer out = new ActionBuffer();
    private SyncGate gate = SyncGate.ALWAYS;

    private VrrpState state = VrrpState.INIT;
    private VrrpState wantState;
    private int basePriority;
    private int effectivePriority;
    private boolean faulted;
    private boolean vipsSet;
    /** keepalived's ms_down_timer: what the next MASTER_DOWN will be armed with. */
    private long downIntervalNanos;
    /** 0 = no preempt delay running. */
    private long preemptDeadline;
    private Inet4Address masterAddress;
    private int masterPriority;

    private long now;
    /** Why the transition under way happens; carried by its Notify. */
    private String reason;
    /** Why the running MASTER_DOWN timer would make us MASTER. */
    private String takeoverReason;

    public VrrpInstance(InstanceSpec spec) {
        configure(spec);
        this.basePriority = spec.priority();
        this.effectivePriority = tracked.effectivePriority(spec, basePriority);
        this.wantState = spec.wantMaster() ? VrrpState.MASTER : VrrpState.BACKUP;
        this.downIntervalNanos = masterDownInterval();
    }

    private void configure(InstanceSpec newSpec) {
        this.spec = newSpec;
        this.validator = new AdvertValidator(newSpec);
        out.tag(newSpec.name());
    }

    public String name() { return spec.name(); }
    public InstanceSpec spec() { return spec; }
    public VrrpState state() { return state; }
    public VrrpState wantState() { return wantState; }
    public int effectivePriority() { return effectivePriority; }
    public InstanceStats stats() { return stats; }
    /** Source of the last advert accepted from a master (null if none yet). */
    public Inet4Address masterAddress() { return masterAddress; }
    public int masterPriority() { return masterPriority; }
    public boolean vipsSet() { return vipsSet; }

    public void setSyncGate(SyncGate gate) {
        this.gate = gate;
    }

    /** Processes one event at time {@code nowNanos}; returns the actions to carry out, in order. */
    public List<InstanceAction> handle(InstanceEvent event, long nowNanos) {
        begin(nowNanos);
        if (event instanceof InstanceEvent.Start) {
            start();
        } else if (event instanceof InstanceEvent.AdvertReceived a) {
            onAdvert(a.packet());
        } else if (event instanceof InstanceEvent.TimerFired t) {
            onTimer(t.kind());
        } else if (event instanceof InstanceEvent.LinkChanged l) {
            onTrack(TrackedObject.Kind.INTERFACE, l.interfaceName(), l.up());
        } else if (event instanceof InstanceEvent.TrackChanged t) {
            onTrack(t.kind(), t.name(), t.up());
        } else if (event instanceof InstanceEvent.Shutdown) {
            shutdown();
        } else if (event instanceof InstanceEvent.Reload r) {
            reload(r.spec());
        }
        return end();
    }

    /**
     * Moves this member to the state its sync group is entering (keepalived vrrp_sync.c): MASTER via the
     * normal takeover, BACKUP leaving MASTER or FAULT, FAULT from anywhere.
     */
    public List<InstanceAction> followGroup(VrrpState target, long nowNanos) {
        begin(nowNanos);
        reason = "sync group";
        if (state == VrrpState.INIT || state == VrrpState.STOP) {
            return end();
        }
        if (target == VrrpState.MASTER && state != VrrpState.MASTER && state != VrrpState.FAULT) {
            wantState = VrrpState.MASTER;
            becomeMaster();
        } else if (target == VrrpState.BACKUP && state != VrrpState.BACKUP) {
            wantState = VrrpState.BACKUP;
            if (state == VrrpState.MASTER) {
                leaveMaster(false);
            } else if (!faulted) {
                leaveFault();
            }
        } else if (target == VrrpState.FAULT && state != VrrpState.FAULT) {
            wantState = VrrpState.FAULT;
            if (state == VrrpState.MASTER) {
                leaveMaster(false);
            } else {
                leaveFault();
            }
        }
        return end();
    }

    /** Whether this member's own trackers hold it in FAULT (as opposed to its group). */
    public boolean ownFault() {
        return faulted;
    }

    private void begin(long nowNanos) {
        this.now = nowNanos;
        this.reason = null;
    }

    private List<InstanceAction> end() {
        return out.drain();
    }

    // ---- start -------------------------------------------------------------------------------

    private void start() {
        if (state != VrrpState.INIT) {
            return;
        }
        effectivePriority = tracked.effectivePriority(spec, basePriority);
        String fault = tracked.faultReason(spec);
        removeVips(); // stale VIPs from a previous run
        if (fault != null) {
            faulted = true;
            reason = fault;
            wantState = VrrpState.FAULT;
            state = VrrpState.FAULT;
            out.log(false, "Entering FAULT STATE (init)");
            if (!tracked.onlyAwaitingScripts(spec)) { // keepalived stays quiet until scripts report
                out.add(new Notify(VrrpState.FAULT, effectivePriority, reason));
            }
            return;
        }
        state = VrrpState.BACKUP;
        if (spec.isOwner() && wantState == VrrpState.MASTER) {
            // keepalived: "the simplest way to become master is to time out from backup very quickly"
            downIntervalNanos = 1_000;
        } else {
            reason = "init";
            out.log(false, "Entering BACKUP STATE (init)");
            out.add(new Notify(VrrpState.BACKUP, effectivePriority, reason));
            downIntervalNanos = masterDownInterval();
        }
        armDownTimer();
    }

    // ---- timers ------------------------------------------------------------------------------

    private void onTimer(TimerKind kind) {
        if (!out.expire(kind, now)) {
            return; // stale
        }
        switch (kind) {
            case MASTER_DOWN -> {
                if (state == VrrpState.BACKUP) {
                    out.log(true, "Receive advertisement timeout");
                    reason = effectivePriority == VrrpWire.PRIORITY_OWNER ? "address owner" : takeoverReason;
                    gotoMaster();
                }
            }
            case ADVERT -> {
                if (state == VrrpState.MASTER) {
                    sendAdvert(effectivePriority);
                    out.schedule(TimerKind.ADVERT, now + MasterDownTimer.advertNanos(spec.adverIntSeconds()));
                }
            }
            case GARP_MASTER_DELAY -> {
                if (state == VrrpState.MASTER) {
                    garp(spec.garp().masterRepeat());
                }
            }
            case GARP_REFRESH -> {
                if (state == VrrpState.MASTER) {
                    garp(spec.garp().masterRefreshRepeat());
                    out.schedule(TimerKind.GARP_REFRESH, now + spec.garp().masterRefresh().toNanos());
                }
            }
            case GARP_LOWER_PRIO_DELAY -> {
                if (state == VrrpState.MASTER) {
                    garp(spec.garp().lowerPrioRepeat());
                }
            }
        }
    }

    // ---- receive -----------------------------------------------------------------------------

    private void onAdvert(ReceivedAdvert packet) {
        if (packet.advert().vrid() != spec.vrid()) {
            return; // not ours: VridDispatcher routes by VRID, this only guards against misrouting
        }
        if (state == VrrpState.BACKUP) {
            backupReceive(packet);
        } else if (state == VrrpState.MASTER) {
            masterReceive(packet);
        }
        // INIT, FAULT, STOP: keepalived does not read adverts
    }

    /** Validates and counts; returns true when the advert passed every check. */
    private boolean accept(ReceivedAdvert packet, boolean checkAddresses) {
        Verdict v = validator.validate(packet, checkAddresses);
        if (v instanceof Verdict.Rejected r) {
            if (r.reason().counter() != null) {
                stats.increment(r.reason().counter());
            }
            if (r.reason().countedAsReceived()) {
                stats.increment(Counter.ADVERT_RECEIVED);
            }
            out.add(new LogLine(false, r.logLine()));
            return false;
        }
        stats.increment(Counter.ADVERT_RECEIVED);
        if (packet.advert().priority() == VrrpWire.PRIORITY_STOP) {
            stats.increment(Counter.PRIORITY_ZERO_RECEIVED);
        }
        return true;
    }

    private void backupReceive(ReceivedAdvert packet) {
        Inet4Address source = packet.ip().source();
        boolean checkAddresses = !spec.skipCheckAdvAddr() || !source.equals(masterAddress);
        if (!accept(packet, checkAddresses)) {
            return; // the down timer keeps running
        }
        int priority = packet.advert().priority();
        if (priority == VrrpWire.PRIORITY_STOP) {
            out.log(true, "Backup received priority 0 advertisement");
            downIntervalNanos = MasterDownTimer.skewNanos(effectivePriority);
            armDownTimer();
            takeoverReason = "priority 0 advert from " + source.getHostAddress();
            return;
        }
        long preemptDelay = spec.preemptDelay().toNanos();
        boolean delaying = preemptDelay > 0 && (preemptDeadline == 0 || preemptDeadline > now);
        if (spec.nopreempt() || priority >= effectivePriority || delaying) {
            downIntervalNanos = masterDownInterval();
            masterAddress = source;
            masterPriority = priority;
            if (preemptDelay > 0) {
                if (priority >= effectivePriority) {
                    if (preemptDeadline != 0) {
                        out.log(true, "stop preempt delay");
                        preemptDeadline = 0;
                    }
                } else if (preemptDeadline == 0) {
                    out.log(true, String.format("start preempt delay (%d.%06d)", preemptDelay / 1_000_000_000L,
                            preemptDelay % 1_000_000_000L / 1_000));
                    preemptDeadline = now + preemptDelay;
                }
            }
            wantState = VrrpState.BACKUP;
            armDownTimer();
        } else {
            // preempting: let the down timer run out and take over
            out.log(false, "received lower priority (" + priority + ") advert from " + source.getHostAddress()
                    + " - discarding");
            masterAddress = source;
        }
    }

    private void masterReceive(ReceivedAdvert packet) {
        if (!accept(packet, true)) {
            return;
        }
        Inet4Address source = packet.ip().source();
        int priority = packet.advert().priority();
        int addrCmp = Ipv4.compare(source, spec.sourceAddress());
        boolean higher = priority > effectivePriority || (priority == effectivePriority && addrCmp > 0);

        if (priority == VrrpWire.PRIORITY_STOP || (spec.higherPrioSendAdvert() && higher)) {
            sendAdvertAndRearm();
            if (priority == VrrpWire.PRIORITY_STOP) {
                out.log(true, "Master received priority 0 message");
                return;
            }
        }
        if (priority == effectivePriority) {
            if (addrCmp == 0) {
                out.log(false, "WARNING - equal priority advert received from remote host with our IP address.");
            } else if (effectivePriority == VrrpWire.PRIORITY_OWNER) {
                out.log(false, "CONFIGURATION ERROR: local instance and a remote instance are both configured as"
                        + " address owner, please fix - reducing local priority");
                basePriority = VrrpWire.PRIORITY_OWNER - 1;
                effectivePriority = VrrpWire.PRIORITY_OWNER - 1;
            }
        }
        if (priority < effectivePriority || (priority == effectivePriority && addrCmp < 0)) {
            out.log(false, "Received advert from " + source.getHostAddress() + " with lower priority " + priority
                    + ", ours " + effectivePriority + (spec.lowerPrioNoAdvert() ? "" : ", forcing new election"));
            if (!spec.lowerPrioNoAdvert()) {
                sendAdvertAndRearm();
            }
            if (spec.garp().lowerPrioRepeat() > 0) {
                garp(spec.garp().lowerPrioRepeat());
                if (!spec.garp().lowerPrioDelay().isZero()) {
                    out.schedule(TimerKind.GARP_LOWER_PRIO_DELAY, now + spec.garp().lowerPrioDelay().toNanos());
                }
            }
            out.add(new NotifyMasterRxLowerPriority(source));
            return;
        }
        if (priority > effectivePriority || (priority == effectivePriority && addrCmp > 0)) {
            if (priority > effectivePriority) {
                out.log(false, "Master received advert from " + source.getHostAddress() + " with higher priority "
                        + priority + ", ours " + effectivePriority);
            } else {
                out.log(false, "Master received advert from " + source.getHostAddress() + " with same priority "
                        + priority + " but higher IP address than ours");
            }
            masterPriority = priority;
            wantState = VrrpState.BACKUP;
            reason = "higher priority advert from " + source.getHostAddress();
            leaveMaster(false);
        }
    }

    // ---- transitions -------------------------------------------------------------------------

    private void gotoMaster() {
        wantState = VrrpState.MASTER;
        if (!gate.canGotoMaster(this)) {
            // held in BACKUP by the sync group; look again after another down interval
            downIntervalNanos = masterDownInterval();
            armDownTimer();
            return;
        }
        becomeMaster();
    }

    private void becomeMaster() {
        out.cancel(TimerKind.MASTER_DOWN);
        state = VrrpState.MASTER;
        // the old master must drop the VIPs before our GARPs, so the advert goes first
        sendAdvert(effectivePriority);
        out.log(false, "Entering MASTER STATE");
        stats.increment(Counter.BECAME_MASTER);
        List<Inet4Address> all = allVips();
        if (!all.isEmpty()) {
            out.log(true, "setting VIPs.");
            out.add(new AddVips(all));
        }
        vipsSet = true;
        garp(spec.garp().masterRepeat());
        if (!spec.garp().masterRefresh().isZero()) {
            out.schedule(TimerKind.GARP_REFRESH, now + spec.garp().masterRefresh().toNanos());
        }
        out.add(new Notify(VrrpState.MASTER, effectivePriority, reason));
        if (!spec.garp().masterDelay().isZero()) {
            out.schedule(TimerKind.GARP_MASTER_DELAY, now + spec.garp().masterDelay().toNanos());
        }
        out.schedule(TimerKind.ADVERT, now + MasterDownTimer.advertNanos(spec.adverIntSeconds()));
    }

    /** keepalived vrrp_state_leave_master: to BACKUP (no advert) or FAULT (priority-0 advert). */
    private void leaveMaster(boolean sendStopAdvert) {
        if (wantState == VrrpState.BACKUP) {
            out.log(false, "Entering BACKUP STATE");
            preemptDeadline = 0;
        } else {
            out.log(false, "Entering FAULT STATE");
            sendAdvert(VrrpWire.PRIORITY_STOP);
        }
        cancelMasterTimers();
        restoreInterface(sendStopAdvert);
        state = wantState;
        out.add(new Notify(state, effectivePriority, reason));
        downIntervalNanos = masterDownInterval();
        if (state == VrrpState.BACKUP) {
            armDownTimer();
        }
        stats.increment(Counter.RELEASED_MASTER);
    }

    /** keepalived vrrp_state_leave_fault: FAULT/INIT/BACKUP to wantState. */
    private void leaveFault() {
        if (wantState == VrrpState.MASTER) {
            gotoMaster();
            return;
        }
        if (state != wantState) {
            out.log(false, "Entering " + wantState + " STATE");
        }
        state = wantState;
        out.add(new Notify(state, effectivePriority, reason));
        downIntervalNanos = masterDownInterval();
        if (state == VrrpState.BACKUP) {
            preemptDeadline = 0;
            armDownTimer();
        } else {
            out.cancel(TimerKind.MASTER_DOWN);
        }
    }

    /** Optionally a priority-0 advert, then the VIPs go. */
    private void restoreInterface(boolean sendStopAdvert) {
        if (sendStopAdvert) {
            sendAdvert(VrrpWire.PRIORITY_STOP);
            stats.increment(Counter.PRIORITY_ZERO_SENT);
            out.log(true, "sent 0 priority");
        }
        if (vipsSet) {
            removeVips();
            vipsSet = false;
        }
    }

    private void shutdown() {
        if (state == VrrpState.STOP) {
            return;
        }
        reason = "shutdown";
        if (state == VrrpState.MASTER) {
            cancelMasterTimers();
            restoreInterface(true);
        }
        out.cancel(TimerKind.MASTER_DOWN);
        state = VrrpState.STOP;
        out.add(new Notify(VrrpState.STOP, effectivePriority, reason));
    }

    private void reload(InstanceSpec newSpec) {
        List<Inet4Address> oldVips = allVips();
        configure(newSpec);
        basePriority = newSpec.priority();
        if (state == VrrpState.INIT || state == VrrpState.STOP) {
            effectivePriority = tracked.effectivePriority(spec, basePriority);
            return;
        }
        if (state == VrrpState.MASTER) {
            List<Inet4Address> removed = new ArrayList<>(oldVips);
            removed.removeAll(allVips());
            List<Inet4Address> added = new ArrayList<>(allVips());
            added.removeAll(oldVips);
            if (!removed.isEmpty()) {
                out.add(new RemoveVips(removed));
            }
            if (!added.isEmpty()) {
                out.add(new AddVips(added));
                out.add(new SendGarp(added, newSpec.garp().masterRepeat()));
            }
        }
        reevaluateTracking();
        if (state == VrrpState.MASTER) {
            sendAdvertAndRearm();
        } else if (state == VrrpState.BACKUP) {
            downIntervalNanos = masterDownInterval();
            armDownTimer();
        }
    }

    // ---- tracking ----------------------------------------------------------------------------

    private void onTrack(TrackedObject.Kind kind, String name, boolean up) {
        if (tracked.set(kind, name, up) && state != VrrpState.INIT && state != VrrpState.STOP) {
            reevaluateTracking();
        }
    }

    private void reevaluateTracking() {
        updateEffectivePriority();
        boolean nowFaulted = tracked.faultReason(spec) != null;
        if (nowFaulted == faulted) {
            return;
        }
        faulted = nowFaulted;
        if (faulted) {
            reason = tracked.faultReason(spec);
            wantState = VrrpState.FAULT;
            if (state == VrrpState.MASTER) {
                leaveMaster(true);
            } else {
                leaveFault();
            }
        } else {
            if (!gate.canLeaveFault(this)) {
                return; // the group leaves FAULT when its last faulty member recovers
            }
            reason = "fault cleared";
            // keepalived try_up_instance: an owner configured MASTER goes straight back to MASTER
            wantState = spec.isOwner() && spec.wantMaster() ? VrrpState.MASTER : VrrpState.BACKUP;
            leaveFault();
        }
    }

    private void updateEffectivePriority() {
        int newPriority = tracked.effectivePriority(spec, basePriority);
        if (newPriority == effectivePriority) {
            return;
        }
        out.log(false, "Changing effective priority from " + effectivePriority + " to " + newPriority);
        out.add(new InstanceAction.PriorityChanged(effectivePriority, newPriority));
        long oldInterval = downIntervalNanos;
        effectivePriority = newPriority;
        downIntervalNanos = masterDownInterval();
        Long deadline = out.deadline(TimerKind.MASTER_DOWN);
        if (state == VrrpState.BACKUP && deadline != null) {
            // keepalived shifts the running down timer by the change in Master_Down_Interval
            out.schedule(TimerKind.MASTER_DOWN, deadline + downIntervalNanos - oldInterval);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private long masterDownInterval() {
        return MasterDownTimer.intervalNanos(spec.downTimerAdverts(), spec.adverIntSeconds(), effectivePriority);
    }

    private void armDownTimer() {
        takeoverReason = "advertisement timeout";
        out.schedule(TimerKind.MASTER_DOWN, now + downIntervalNanos);
    }

    private void sendAdvert(int priority) {
        out.add(new SendAdvert(priority));
        stats.increment(Counter.ADVERT_SENT);
    }

    /** An advert outside the periodic schedule restarts the advert interval (keepalived sands reset). */
    private void sendAdvertAndRearm() {
        sendAdvert(effectivePriority);
        out.schedule(TimerKind.ADVERT, now + MasterDownTimer.advertNanos(spec.adverIntSeconds()));
    }

    private void garp(int repeat) {
        List<Inet4Address> all = allVips();
        if (repeat <= 0 || all.isEmpty()) {
            return;
        }
        for (Inet4Address vip : all) {
            out.log(true, "Sending/queueing gratuitous ARPs on " + spec.interfaceName() + " for " + vip.getHostAddress());
        }
        out.add(new SendGarp(all, repeat));
    }

    private void removeVips() {
        List<Inet4Address> all = allVips();
        if (!all.isEmpty()) {
            out.log(true, "removing VIPs.");
            out.add(new RemoveVips(all));
        }
    }

    private List<Inet4Address> allVips() {
        if (spec.excludedVips().isEmpty()) {
            return spec.vips();
        }
        List<Inet4Address> all = new ArrayList<>(spec.vips());
        all.addAll(spec.excludedVips());
        return List.copyOf(all);
    }

    private void cancelMasterTimers() {
        out.cancel(TimerKind.ADVERT);
        out.cancel(TimerKind.GARP_MASTER_DELAY);
        out.cancel(TimerKind.GARP_REFRESH);
        out.cancel(TimerKind.GARP_LOWER_PRIO_DELAY);
    }
}
