package dev.vigil.vrrp.sync;

import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncGroupTest {
    static final TrackedObject CHK = TrackedObject.script("chk", -50);

    static InstanceSpec member(String name, int vrid, String ip, int prio) {
        return InstanceSpec.builder(name, vrid, Ipv4.parse(ip)).priority(prio)
                .vips(List.of(Ipv4.parse("10.99." + vrid + ".100"))).tracked(List.of(CHK)).build();
    }

    static SyncGroup group(boolean trackingWeight) {
        return SyncGroup.of("G", List.of(member("VI_1", 51, "10.99.0.1", 150), member("VI_2", 52, "10.99.0.1", 100)),
                trackingWeight);
    }

    static InstanceEvent chk(boolean up) {
        return new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk", up);
    }

    @Test
    void masterOnlyWhenEveryMemberCanAndThenAllTogether() {
        Segment seg = new Segment().add(group(false)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).runUntil(s(3.5));
        // VI_1's down timer (3.414 s) expired first but VI_2 (3.609 s) did not want MASTER yet
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertEquals(VrrpState.MASTER, seg.node("VI_1").wantState());
        seg.runUntil(s(3.7));
        assertEquals(VrrpState.MASTER, seg.state("VI_1"));
        assertEquals(VrrpState.MASTER, seg.state("VI_2"));
        assertEquals(VrrpState.MASTER, seg.group("G").state());
        assertEquals(s(3.609375), seg.firstTime("G", a -> a instanceof InstanceAction.LogLine l
                && l.text().equals("VRRP_Group(G) Syncing instances to MASTER state")));
        assertEquals(s(3.609375), seg.firstTime("VI_1", a -> a instanceof InstanceAction.AddVips));
    }

    @Test
    void oneMemberFaultTakesTheWholeGroupToFaultAndBack() {
        Segment seg = new Segment().add(group(false)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).runUntil(s(5)).at(s(6), "VI_2", chk(false)).runUntil(s(6));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
        assertEquals(VrrpState.FAULT, seg.state("VI_2"));
        assertEquals(List.of(new InstanceAction.SendAdvert(0)), seg.entries("VI_1", a -> a instanceof InstanceAction.SendAdvert)
                .stream().filter(e -> e.time() == s(6)).map(e -> e.action()).toList(),
                "a member pulled into FAULT by its group sends one priority-0 advert");
        seg.at(s(8), "VI_2", chk(true)).runUntil(s(8));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertEquals(VrrpState.BACKUP, seg.state("VI_2"));
        assertTrue(seg.logs("G").contains("VRRP_Group(G) Syncing instances to BACKUP state"));
    }

    @Test
    void memberStaysInFaultWhileAnotherMemberIsStillFaulty() {
        Segment seg = new Segment().add(group(false)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).runUntil(s(1))
                .at(s(2), "VI_1", new InstanceEvent.LinkChanged("eth0", false))
                .at(s(3), "VI_2", new InstanceEvent.LinkChanged("eth0", false))
                .at(s(4), "VI_1", new InstanceEvent.LinkChanged("eth0", true)).runUntil(s(4));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
        seg.at(s(5), "VI_2", new InstanceEvent.LinkChanged("eth0", true)).runUntil(s(5));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertEquals(VrrpState.BACKUP, seg.state("VI_2"));
    }

    @Test
    void memberWeightsAreForcedToZeroUnlessTrackingWeightIsSet() {
        assertEquals(0, group(false).member("VI_1").spec().tracked().get(0).weight());
        assertEquals(-50, group(true).member("VI_1").spec().tracked().get(0).weight());
        Segment weighted = new Segment().add(group(true)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).at(s(1), "VI_1", chk(false)).runUntil(s(1));
        assertEquals(VrrpState.BACKUP, weighted.state("VI_1"));
        assertEquals(100, weighted.node("VI_1").effectivePriority());
    }

    @Test
    void masterMemberHearingHigherPriorityTakesGroupToBackup() {
        Segment seg = new Segment().add(group(false)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).runUntil(s(5));
        var higher = dev.vigil.vrrp.codec.Packets.received(dev.vigil.vrrp.codec.Packets.advert(52, 200, 1, null,
                List.of(Ipv4.parse("10.99.52.100"))), Ipv4.parse("10.99.0.9"));
        seg.at(s(5.5), "VI_2", new InstanceEvent.AdvertReceived(higher)).runUntil(s(5.5));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertEquals(VrrpState.BACKUP, seg.state("VI_2"));
        assertEquals(VrrpState.BACKUP, seg.group("G").state());
    }

    @Test
    void groupStopsWhenEveryMemberHasStopped() {
        Segment seg = new Segment().add(group(false)).at(0, "VI_1", chk(true)).at(0, "VI_2", chk(true))
                .startAll(0).runUntil(s(5)).at(s(6), "VI_1", InstanceEvent.SHUTDOWN).runUntil(s(6));
        assertEquals(VrrpState.MASTER, seg.group("G").state(), "one member still running");
        seg.at(s(6), "VI_2", InstanceEvent.SHUTDOWN).runUntil(s(6));
        assertEquals(VrrpState.STOP, seg.group("G").state());
        assertEquals(List.of(new InstanceAction.Notify(VrrpState.STOP, 0, "shutdown")),
                seg.actions("G", InstanceAction.Notify.class).stream().filter(n -> n.state() == VrrpState.STOP).toList());
    }
}
