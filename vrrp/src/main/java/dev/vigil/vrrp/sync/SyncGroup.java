package dev.vigil.vrrp.sync;

import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code vrrp_sync_group}: its member instances move together (keepalived vrrp_sync.c). One member
 * entering FAULT or BACKUP takes every other member there; a member may only become MASTER once every
 * other member wants to as well, and then all go MASTER. Events for members go through {@link #handle}.
 */
public final class SyncGroup implements VrrpInstance.SyncGate {

    /** An action and who it is for: a member instance's name, or the group's for group notifies/logs. */
    public record Output(String source, InstanceAction action) {}

    private final String name;
    private final Map<String, VrrpInstance> members = new LinkedHashMap<>();
    private VrrpState state = VrrpState.INIT;

    public SyncGroup(String name, List<VrrpInstance> instances) {
        this.name = name;
        for (VrrpInstance i : instances) {
            members.put(i.name(), i);
            i.setSyncGate(this);
        }
    }

    /**
     * Builds the members from their specs; tracked objects lose their weights (failure = FAULT) unless
     * {@code syncGroupTrackingWeight} is set, as in keepalived.
     */
    public static SyncGroup of(String name, List<InstanceSpec> specs, boolean syncGroupTrackingWeight) {
        List<VrrpInstance> instances = new ArrayList<>();
        for (InstanceSpec spec : specs) {
            InstanceSpec effective = syncGroupTrackingWeight ? spec
                    : spec.toBuilder().tracked(spec.tracked().stream().map(TrackedObject::unweighted).toList()).build();
            instances.add(new VrrpInstance(effective));
        }
        return new SyncGroup(name, instances);
    }

    public String name() { return name; }
    public VrrpState state() { return state; }
    public VrrpInstance member(String instanceName) { return members.get(instanceName); }
    public List<VrrpInstance> members() { return List.copyOf(members.values()); }

    /** Starts every member; if any starts in FAULT the whole group does. */
    public List<Output> start(long now) {
        List<Output> out = new ArrayList<>();
        for (VrrpInstance m : members.values()) {
            tag(out, m, m.handle(InstanceEvent.START, now));
        }
        boolean anyFault = members.values().stream().anyMatch(m -> m.state() == VrrpState.FAULT);
        if (anyFault) {
            sync(VrrpState.FAULT, null, now, out);
        } else {
            state = VrrpState.BACKUP;
            out.add(new Output(name, new InstanceAction.Notify(VrrpState.BACKUP, 0, "init")));
        }
        return out;
    }

    /** Delivers an event to one member, then brings the other members along if its state changed. */
    public List<Output> handle(String memberName, InstanceEvent event, long now) {
        VrrpInstance member = members.get(memberName);
        if (member == null) {
            throw new IllegalArgumentException("no member " + memberName + " in sync group " + name);
        }
        List<Output> out = new ArrayList<>();
        VrrpState before = member.state();
        tag(out, member, member.handle(event, now));
        VrrpState after = member.state();
        if (after != before && (after == VrrpState.MASTER || after == VrrpState.BACKUP || after == VrrpState.FAULT)) {
            sync(after, member, now, out);
        }
        if (after == VrrpState.STOP && state != VrrpState.STOP
                && members.values().stream().allMatch(m -> m.state() == VrrpState.STOP)) {
            state = VrrpState.STOP;
            out.add(new Output(name, new InstanceAction.Notify(VrrpState.STOP, 0, "shutdown")));
        }
        return out;
    }

    private void sync(VrrpState target, VrrpInstance cause, long now, List<Output> out) {
        if (state == target) {
            return;
        }
        out.add(new Output(name, new InstanceAction.LogLine(false,
                "VRRP_Group(" + name + ") Syncing instances to " + target + " state")));
        for (VrrpInstance m : members.values()) {
            if (m != cause && m.state() != target) {
                tag(out, m, m.followGroup(target, now));
            }
        }
        state = target;
        out.add(new Output(name, new InstanceAction.Notify(target, 0, cause == null ? "init" : "member " + cause.name() + " entered " + target)));
    }

    @Override
    public boolean canGotoMaster(VrrpInstance member) {
        if (state == VrrpState.MASTER) {
            return true;
        }
        // prefer BACKUP to thrashing: only go once everyone wants to
        return members.values().stream().allMatch(m -> m == member || m.wantState() == VrrpState.MASTER);
    }

    @Override
    public boolean canLeaveFault(VrrpInstance member) {
        return members.values().stream().noneMatch(m -> m != member && m.ownFault());
    }

    private static void tag(List<Output> out, VrrpInstance m, List<InstanceAction> actions) {
        for (InstanceAction a : actions) {
            out.add(new Output(m.name(), a));
        }
    }
}
