package dev.vigil.vrrp.unhiol;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.MasterDownTimer;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.sim.Segment.Entry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UNH-IOL VRRP Operations Test Suite (rev 2.5), Group 3 "Parameters Per Virtual Router": tests VRRP.3.1–3.4. */
class UnhIolGroup3ParametersTest {

    @Test
    void vrrp3_1_advertisementInterval_masterAdvertisesEveryAdverInt() {
        Segment seg = new Segment().add(node("A", IP_A, 150).adverInt(3).build()).startAll(0).runUntil(s(40));
        List<Long> times = seg.entries("A", a -> a instanceof SendAdvert).stream().map(Entry::time).toList();
        long first = s(9.414062); // 3 × 3 s + 106/256 s
        assertEquals(List.of(first, first + s(3), first + s(6), first + s(9), first + s(12), first + s(15),
                first + s(18), first + s(21), first + s(24), first + s(27), first + s(30)), times);
    }

    @Test
    void vrrp3_2_skewTime_higherPriorityBackupTakesOverSooner() {
        assertEquals(s(0.609375), MasterDownTimer.skewNanos(100));
        assertEquals(s(0.003906), MasterDownTimer.skewNanos(255));
        assertEquals(s(0.996093), MasterDownTimer.skewNanos(1));
        // after a priority-0 advert a priority-200 backup waits Skew_Time = 56/256 s
        Segment seg = new Segment().add(node("M", IP_A, 250).build()).add(node("B", IP_B, 200).build())
                .startAll(0).runUntil(s(10)).at(s(10), "M", InstanceEvent.SHUTDOWN).runUntil(s(12));
        assertEquals(s(10.21875), seg.firstTime("B", a -> a instanceof AddVips));
    }

    @Test
    void vrrp3_3_masterDownInterval_isDownTimerAdvertsTimesIntervalPlusSkew() {
        assertEquals(s(6.609375), MasterDownTimer.intervalNanos(3, 2, 100));
        // keepalived obs: priority 100, advert 1 s → takeover 3.61 s after the last valid advert
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(10));
        assertEquals(s(3.609375), seg.firstTime("B", a -> a instanceof AddVips));
        Segment five = new Segment().add(node("B", IP_B, 100).downTimerAdverts(5).adverInt(2).build()).startAll(0)
                .runUntil(s(20));
        assertEquals(s(10.609375), five.firstTime("B", a -> a instanceof AddVips));
    }

    @Test
    void vrrp3_4a_preemptModeTrue_higherPriorityBackupPreemptsLowerPriorityMaster() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(10))
                .add(node("A", IP_A, 150).build()).at(s(10), "A", InstanceEvent.START).runUntil(s(20));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
    }

    @Test
    void vrrp3_4b_preemptModeFalse_nopreemptBackupLeavesLowerPriorityMasterAlone() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(10))
                .add(node("A", IP_A, 150).nopreempt(true).build()).at(s(10), "A", InstanceEvent.START)
                .runUntil(s(60));
        assertEquals(VrrpState.BACKUP, seg.state("A"));
        assertEquals(VrrpState.MASTER, seg.state("B"));
        // ... until the master goes away
        seg.at(s(60), "B", InstanceEvent.SHUTDOWN).runUntil(s(61));
        assertEquals(s(60.414062), seg.firstTime("A", a -> a instanceof AddVips));
    }

    @Test
    void vrrp3_4c_preemptModeWithPreemptDelay_preemptionWaitsForTheDelay() {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0).runUntil(s(10))
                .add(node("A", IP_A, 150).preemptDelay(Duration.ofSeconds(10)).build())
                .at(s(10), "A", InstanceEvent.START).runUntil(s(40));
        long takeover = seg.firstTime("A", a -> a instanceof AddVips);
        // the first lower-priority advert (10.609375 s) starts the delay; adverts before its end (20.609375 s)
        // still reset the down timer, the one at 20.609375 s is discarded, so the timer set at 19.609375 s runs out
        assertEquals(s(19.609375) + s(3.414062), takeover);
        assertTrue(seg.logs("A").contains("(A) start preempt delay (10.000000)"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
    }
}
