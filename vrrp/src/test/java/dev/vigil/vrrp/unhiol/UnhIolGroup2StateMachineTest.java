package dev.vigil.vrrp.unhiol;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.InstanceAction.LogLine;
import dev.vigil.vrrp.instance.InstanceAction.ScheduleTimer;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceAction.SendGarp;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.TimerKind;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.stats.Counter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UNH-IOL VRRP Operations Test Suite (rev 2.5), Group 2 "State Transition Diagram": tests VRRP.2.1–2.7,
 * the RFC 3768 §6.4 state machine with keepalived 2.2.7's choices where the RFC leaves room.
 */
class UnhIolGroup2StateMachineTest {

    static InstanceEvent advertFrom(java.net.Inet4Address src, int priority) {
        return new InstanceEvent.AdvertReceived(dev.vigil.vrrp.codec.Packets.received(
                dev.vigil.vrrp.codec.Packets.advert(51, priority, 1, "secret12", List.of(VIP)), src));
    }

    /** A (150, 10.99.0.1) and B (100, 10.99.0.2) on one segment; A is master from 3.414062 s. */
    static Segment pair() {
        return new Segment().add(node("A", IP_A, 150).build()).add(node("B", IP_B, 100).build()).startAll(0);
    }

    @Test
    void vrrp2_1a_initializeState_addressOwnerTransitionsToMasterAtOnce() {
        Segment seg = new Segment().add(node("A", IP_A, 255).wantMaster(true).build()).startAll(0).runUntil(s(0.001));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(1_000, seg.firstTime("A", a -> a instanceof SendAdvert), "owner times out of BACKUP in 1 µs");
        assertEquals(List.of(new SendAdvert(255)), seg.actions("A", SendAdvert.class));
        assertEquals(List.of(new SendGarp(List.of(VIP), 5)), seg.actions("A", SendGarp.class));
    }

    @Test
    void vrrp2_1b_initializeState_nonOwnerTransitionsToBackupAndStartsMasterDownTimer() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(0);
        assertEquals(VrrpState.BACKUP, seg.state("B"));
        assertEquals(List.of(new ScheduleTimer(TimerKind.MASTER_DOWN, s(3.609375))),
                seg.actions("B", ScheduleTimer.class));
        assertTrue(seg.actions("B", SendAdvert.class).isEmpty(), "a backup does not advertise");
    }

    @Test
    void vrrp2_2_packetReceptionInBackup_backupHoldsNoVipsAndStaysSilent() {
        Segment seg = pair().runUntil(s(30));
        assertFalse(seg.node("B").vipsSet());
        assertTrue(seg.actions("B", AddVips.class).isEmpty(), "a backup never owns the VIPs, so never answers ARP for them");
        assertTrue(seg.actions("B", SendGarp.class).isEmpty());
        assertTrue(seg.actions("B", SendAdvert.class).isEmpty());
    }

    @Test
    void vrrp2_4c_advertisementReceptionInBackup_priorityZeroSetsTimerToSkewTime() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0)
                .at(s(1), "B", advertFrom(IP_A, 150)).at(s(2), "B", advertFrom(IP_A, 0)).runUntil(s(5));
        assertEquals(s(2.609375), seg.firstTime("B", a -> a instanceof AddVips));
    }

    @Test
    void vrrp2_5_packetReceptionInMaster_masterOwnsVipsAnnouncesThemAndAdvertisesEachInterval() {
        Segment seg = pair().runUntil(s(10));
        assertTrue(seg.node("A").vipsSet());
        assertEquals(List.of(new AddVips(List.of(VIP))), seg.actions("A", AddVips.class));
        assertEquals(List.of(new SendGarp(List.of(VIP), 5), new SendGarp(List.of(VIP), 5)),
                seg.actions("A", SendGarp.class));
        assertEquals(7, seg.actions("A", SendAdvert.class).size(), "3.414062 … 9.414062 s");
    }

    @Test
    void vrrp2_4a_advertisementReceptionInBackup_higherPriorityAdvertResetsMasterDownTimer() {
        Segment seg = pair().runUntil(s(60));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
        assertTrue(seg.node("B").stats().get(Counter.ADVERT_RECEIVED) >= 56);
        assertEquals(IP_A, seg.node("B").masterAddress());
    }

    @Test
    void vrrp2_4b_advertisementReceptionInBackup_lowerPriorityAdvertIsDiscardedWhenPreempting() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(5));
        assertEquals(VrrpState.MASTER, seg.state("B"));
        seg.add(node("A", IP_A, 150).build()).at(s(5.2), "A", InstanceEvent.START).runUntil(s(20));
        // A discards B's adverts and takes over at its own Master_Down_Interval
        assertEquals(s(5.2 + 3.414062), seg.firstTime("A", a -> a instanceof AddVips));
        assertTrue(seg.logs("A").contains("(A) received lower priority (100) advert from 10.99.0.2 - discarding"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
    }

    @Test
    void vrrp2_3_masterDownInBackup_backupBecomesMaster() {
        Segment seg = pair().runUntil(s(10)).disconnect("A").runUntil(s(20));
        long lastAdvert = s(3.414062 + 6); // A's adverts: 3.414062, 4.414062, ... 9.414062
        assertEquals(lastAdvert + s(3.609375), seg.firstTime("B", a -> a instanceof AddVips));
        assertEquals(VrrpState.MASTER, seg.state("B"));
    }

    @Test
    void vrrp2_6_shutdownEventInMaster_backupTakesOverAfterSkewTime() {
        Segment seg = pair().runUntil(s(10)).at(s(10), "A", InstanceEvent.SHUTDOWN).runUntil(s(20));
        assertEquals(s(10.609375), seg.firstTime("B", a -> a instanceof AddVips), "skew (256−100)/256 = 0.609375 s");
        assertEquals(1, seg.node("B").stats().get(Counter.PRIORITY_ZERO_RECEIVED));
        assertEquals(VrrpState.STOP, seg.state("A"));
    }

    @Test
    void vrrp2_7a_advertisementReceptionInMaster_higherPriorityAdvertCausesBackup() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(5))
                .add(node("A", IP_A, 150).build()).at(s(5.2), "A", InstanceEvent.START).runUntil(s(20));
        long aMaster = seg.firstTime("A", a -> a instanceof AddVips);
        assertEquals(aMaster, seg.firstTime("B", a -> a instanceof LogLine l && l.text().equals("(B) Entering BACKUP STATE")));
        assertTrue(seg.logs("B").contains("(B) Master received advert from 10.99.0.1 with higher priority 150, ours 100"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
    }

    @Test
    void vrrp2_7b_advertisementReceptionInMaster_lowerPriorityAdvertKeepsMasterAndReasserts() {
        // split brain: A is cut off, B takes over; when the link heals both are MASTER for a moment
        Segment seg = pair().runUntil(s(5)).disconnect("A").runUntil(s(12)).reconnect("A").runUntil(s(20));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
        assertTrue(seg.logs("A").contains(
                "(A) Received advert from 10.99.0.2 with lower priority 100, ours 150, forcing new election"));
        assertTrue(seg.logs("B").contains("(B) Master received advert from 10.99.0.1 with higher priority 150, ours 100"));
        assertEquals(1, seg.node("B").stats().get(Counter.RELEASED_MASTER));
        // B heard A's re-assertion in the same instant A heard B: B's advert at 12.023437 s
        long heal = seg.firstTime("B", a -> a instanceof LogLine l && l.text().equals("(B) Entering BACKUP STATE"));
        assertEquals(s(12.023437), heal);
    }

    @Test
    void vrrp2_7c_advertisementReceptionInMaster_priorityZeroTriggersAnImmediateAdvert() {
        Segment seg = new Segment().add(node("A", IP_A, 150).build()).startAll(0).runUntil(s(4)).clearTrace();
        var zero = dev.vigil.vrrp.codec.Packets.received(dev.vigil.vrrp.codec.Packets.advert(51, 0, 1, "secret12",
                List.of(VIP)), IP_B);
        seg.at(s(4.1), "A", new InstanceEvent.AdvertReceived(zero)).runUntil(s(4.1));
        assertEquals(List.of(new SendAdvert(150)), seg.observable("A", s(4.1), s(4.1)));
        assertEquals(VrrpState.MASTER, seg.state("A"));
    }
}
