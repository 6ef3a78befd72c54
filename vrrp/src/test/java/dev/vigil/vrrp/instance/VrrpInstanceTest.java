package dev.vigil.vrrp.instance;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.InstanceAction.LogLine;
import dev.vigil.vrrp.instance.InstanceAction.Notify;
import dev.vigil.vrrp.instance.InstanceAction.NotifyMasterRxLowerPriority;
import dev.vigil.vrrp.instance.InstanceAction.RemoveVips;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceAction.SendGarp;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.spec.GarpSettings;
import dev.vigil.vrrp.spec.TrackedObject;
import dev.vigil.vrrp.stats.Counter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived-specific rules of the instance state machine, as replayed timelines. */
class VrrpInstanceTest {

    static InstanceEvent advertFrom(java.net.Inet4Address src, int priority) {
        return new InstanceEvent.AdvertReceived(Packets.received(Packets.advert(51, priority, 1, "secret12",
                List.of(VIP)), src));
    }

    static Segment masterAt(double seconds) {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).build()).startAll(0);
        seg.runUntil(s(seconds));
        assertEquals(VrrpState.MASTER, seg.state("VI_1"));
        return seg;
    }

    @Test
    void startupRemovesStaleVipsAndEntersBackupInit() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).build()).startAll(0).runUntil(0);
        assertEquals(List.of(new RemoveVips(List.of(VIP)), new LogLine(false, "(VI_1) Entering BACKUP STATE (init)"),
                new Notify(VrrpState.BACKUP, 150, "init")), seg.observable("VI_1", 0, 0));
    }

    @Test
    void takeoverSendsAdvertFirstThenVipsThenGarpBurstThenSecondBurstAfterFiveSeconds() {
        Segment seg = masterAt(3.5);
        long t = s(3.414062); // 3 × 1 s + (256 − 150)/256 s, truncated to µs like keepalived
        assertEquals(List.of(new SendAdvert(150), new LogLine(false, "(VI_1) Entering MASTER STATE"),
                new AddVips(List.of(VIP)), new SendGarp(List.of(VIP), 5), new Notify(VrrpState.MASTER, 150, "advertisement timeout")),
                seg.observable("VI_1", t, t));
        seg.runUntil(s(9));
        assertEquals(List.of(new SendGarp(List.of(VIP), 5)), seg.observable("VI_1", t + s(5), t + s(5)).stream()
                .filter(a -> a instanceof SendGarp).toList());
        assertEquals(1, seg.node("VI_1").stats().get(Counter.BECAME_MASTER));
    }

    @Test
    void garpMasterDelayZeroMeansSingleBurstAndRefreshRepeats() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).garp(new GarpSettings(Duration.ZERO, 3,
                Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 5)).build()).startAll(0).runUntil(s(35));
        List<SendGarp> garps = seg.actions("VI_1", SendGarp.class);
        assertEquals(List.of(new SendGarp(List.of(VIP), 3), new SendGarp(List.of(VIP), 2),
                new SendGarp(List.of(VIP), 2), new SendGarp(List.of(VIP), 2)), garps);
    }

    @Test
    void masterHearingLowerPriorityReassertsWithAdvertAndGarps() {
        Segment seg = masterAt(4).clearTrace().at(s(4.2), "VI_1", advertFrom(IP_B, 100)).runUntil(s(4.2));
        assertEquals(List.of(
                new LogLine(false, "(VI_1) Received advert from 10.99.0.2 with lower priority 100, ours 150, forcing new election"),
                new SendAdvert(150), new SendGarp(List.of(VIP), 5), new NotifyMasterRxLowerPriority(IP_B)),
                seg.observable("VI_1", s(4.2), s(4.2)));
    }

    @Test
    void equalPriorityHigherSourceAddressWinsTheElection() {
        Segment seg = masterAt(4).clearTrace().at(s(4.2), "VI_1", advertFrom(IP_B, 150)).runUntil(s(4.2));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertTrue(seg.logs("VI_1").contains(
                "(VI_1) Master received advert from 10.99.0.2 with same priority 150 but higher IP address than ours"));
    }

    @Test
    void equalPriorityLowerSourceAddressLoses() {
        Segment seg = new Segment().add(node("VI_1", IP_B, 150).build()).startAll(0).runUntil(s(4))
                .at(s(4.2), "VI_1", advertFrom(IP_A, 150)).runUntil(s(4.2));
        assertEquals(VrrpState.MASTER, seg.state("VI_1"));
        assertTrue(seg.logs("VI_1").contains(
                "(VI_1) Received advert from 10.99.0.1 with lower priority 150, ours 150, forcing new election"));
    }

    @Test
    void masterHearingHigherPriorityReleasesWithoutPriorityZeroAdvert() {
        Segment seg = masterAt(4).clearTrace().at(s(4.2), "VI_1", advertFrom(IP_B, 200)).runUntil(s(4.2));
        assertEquals(List.of(
                new LogLine(false, "(VI_1) Master received advert from 10.99.0.2 with higher priority 200, ours 150"),
                new LogLine(false, "(VI_1) Entering BACKUP STATE"), new RemoveVips(List.of(VIP)),
                new Notify(VrrpState.BACKUP, 150, "higher priority advert from 10.99.0.2")), seg.observable("VI_1", s(4.2), s(4.2)));
        assertEquals(1, seg.node("VI_1").stats().get(Counter.RELEASED_MASTER));
    }

    @Test
    void twoAddressOwnersIsAConfigurationErrorAndLocalDropsTo254() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 255).wantMaster(true).build()).startAll(0).runUntil(s(1))
                .at(s(1.5), "VI_1", advertFrom(IP_B, 255)).runUntil(s(1.5));
        assertTrue(seg.logs("VI_1").contains("(VI_1) CONFIGURATION ERROR: local instance and a remote instance are"
                + " both configured as address owner, please fix - reducing local priority"));
        assertEquals(254, seg.node("VI_1").effectivePriority());
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"), "the peer with the higher IP keeps mastership");
    }

    @Test
    void masterToFaultSendsTwoPriorityZeroAdvertsAndRemovesVips() {
        Segment seg = masterAt(4).clearTrace().at(s(4.5), "VI_1", new InstanceEvent.LinkChanged("eth0", false))
                .runUntil(s(10));
        assertEquals(List.of(new LogLine(false, "(VI_1) Entering FAULT STATE"), new SendAdvert(0), new SendAdvert(0),
                new RemoveVips(List.of(VIP)), new Notify(VrrpState.FAULT, 150, "interface eth0 down")), seg.observable("VI_1", s(4.5), s(10)));
        assertEquals(1, seg.node("VI_1").stats().get(Counter.PRIORITY_ZERO_SENT));
    }

    @Test
    void faultRecoveryEntersBackupAndHoldsANewElection() {
        Segment seg = masterAt(4).at(s(4.5), "VI_1", new InstanceEvent.LinkChanged("eth0", false))
                .at(s(20), "VI_1", new InstanceEvent.LinkChanged("eth0", true)).runUntil(s(20));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Entering BACKUP STATE"));
        seg.runUntil(s(30));
        assertEquals(s(23.414062), seg.entries("VI_1", a -> a instanceof Notify n && n.state() == VrrpState.MASTER)
                .get(1).time());
    }

    @Test
    void faultedInstanceIgnoresAdverts() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).build())
                .at(0, "VI_1", new InstanceEvent.LinkChanged("eth0", false)).startAll(0)
                .at(s(1), "VI_1", advertFrom(IP_B, 200)).runUntil(s(10));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Entering FAULT STATE (init)"));
        assertEquals(0, seg.node("VI_1").stats().get(Counter.ADVERT_RECEIVED));
    }

    @Test
    void shutdownOfMasterSendsOnePriorityZeroAdvertAndRemovesVips() {
        Segment seg = masterAt(4).clearTrace().at(s(4.5), "VI_1", InstanceEvent.SHUTDOWN).runUntil(s(10));
        assertEquals(List.of(new SendAdvert(0), new RemoveVips(List.of(VIP)), new Notify(VrrpState.STOP, 150, "shutdown")),
                seg.observable("VI_1", s(4.5), s(10)));
        assertEquals(VrrpState.STOP, seg.state("VI_1"));
    }

    @Test
    void weightedScriptFailureLowersEffectivePriorityAndBackupTimerMoves() {
        TrackedObject chk = TrackedObject.script("chk", -60);
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).tracked(List.of(chk)).build())
                .at(0, "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk", true)).startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk", false))
                .runUntil(s(10));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Changing effective priority from 150 to 90"));
        // down timer: 3 + 106/256 armed at 0, moved by the skew difference (166 − 106)/256 s
        assertEquals(s(3.648437), seg.firstTime("VI_1", a -> a instanceof SendAdvert));
        assertEquals(List.of(new SendAdvert(90)), seg.actions("VI_1", SendAdvert.class).subList(0, 1));
    }

    @Test
    void positiveWeightAddedWhileOkAndClampedTo254() {
        TrackedObject up = TrackedObject.script("up", 200);
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).tracked(List.of(up)).build()).startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "up", true)).runUntil(s(1));
        assertEquals(254, seg.node("VI_1").effectivePriority());
    }

    @Test
    void ownerPriorityIsNotChangedByWeights() {
        TrackedObject chk = TrackedObject.script("chk", -60);
        Segment seg = new Segment().add(node("VI_1", IP_A, 255).wantMaster(true).tracked(List.of(chk)).build())
                .at(0, "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk", false))
                .startAll(0).runUntil(s(1));
        assertEquals(255, seg.node("VI_1").effectivePriority());
    }

    @Test
    void unweightedTrackedInterfaceDownMeansFaultAndWeightedMeansPriority() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).tracked(List.of(TrackedObject.iface("trk1"),
                        new TrackedObject(TrackedObject.Kind.INTERFACE, "trk2", -20, false))).build())
                .startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.LinkChanged("trk2", false)).runUntil(s(1));
        assertEquals(130, seg.node("VI_1").effectivePriority());
        seg.at(s(2), "VI_1", new InstanceEvent.LinkChanged("trk1", false)).runUntil(s(2));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
    }

    @Test
    void unweightedScriptWithoutResultHoldsInstanceInFaultUntilItSucceeds() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).tracked(List.of(TrackedObject.script("chk", 0)))
                .build()).startAll(0).runUntil(s(5));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
        assertTrue(seg.actions("VI_1", Notify.class).isEmpty(), "no FAULT notify while scripts are initialising");
        seg.at(s(6), "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk", true)).runUntil(s(6));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
        assertEquals(List.of(new Notify(VrrpState.BACKUP, 150, "fault cleared")), seg.actions("VI_1", Notify.class));
    }

    @Test
    void reverseUnweightedScriptFaultsWhileSucceeding() {
        TrackedObject rev = new TrackedObject(TrackedObject.Kind.SCRIPT, "maint", 0, true);
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).tracked(List.of(rev)).build())
                .at(0, "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "maint", false))
                .startAll(0).at(s(1), "VI_1", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "maint", true))
                .runUntil(s(1));
        assertEquals(VrrpState.FAULT, seg.state("VI_1"));
    }

    @Test
    void reloadAddsNewVipsAsMasterAndKeepsState() {
        var vip2 = dev.vigil.vrrp.codec.Ipv4.parse("10.99.0.101");
        Segment seg = masterAt(4).clearTrace()
                .at(s(4.5), "VI_1", new InstanceEvent.Reload(node("VI_1", IP_A, 150).vips(List.of(VIP, vip2)).build()))
                .runUntil(s(4.5));
        assertEquals(VrrpState.MASTER, seg.state("VI_1"));
        assertEquals(List.of(new AddVips(List.of(vip2)), new SendGarp(List.of(vip2), 5), new SendAdvert(150)),
                seg.observable("VI_1", s(4.5), s(4.5)));
    }

    @Test
    void excludedVipsAreAddedButNotAdvertised() {
        var evip = dev.vigil.vrrp.codec.Ipv4.parse("192.0.2.7");
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).excludedVips(List.of(evip)).build()).startAll(0)
                .runUntil(s(4));
        assertEquals(List.of(new AddVips(List.of(VIP, evip))), seg.actions("VI_1", AddVips.class));
        assertEquals(List.of(VIP), AdvertFactory.advert(seg.node("VI_1").spec(), 150).addresses());
    }

    @Test
    void reloadRemovingAVipAsMasterRemovesOnlyThatOne() {
        var vip2 = dev.vigil.vrrp.codec.Ipv4.parse("10.99.0.101");
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).vips(List.of(VIP, vip2)).build()).startAll(0)
                .runUntil(s(4)).clearTrace()
                .at(s(4.5), "VI_1", new InstanceEvent.Reload(node("VI_1", IP_A, 150).build())).runUntil(s(4.5));
        assertEquals(List.of(new RemoveVips(List.of(vip2)), new SendAdvert(150)), seg.observable("VI_1", s(4.5), s(4.5)));
    }

    @Test
    void reloadWithNewPriorityAsBackupRestartsTheDownTimerWithIt() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).build()).startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.Reload(node("VI_1", IP_A, 200).build())).runUntil(s(10));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Changing effective priority from 150 to 200"));
        assertEquals(s(1) + s(3.218750), seg.firstTime("VI_1", a -> a instanceof SendAdvert));
        assertEquals(List.of(new SendAdvert(200)), seg.actions("VI_1", SendAdvert.class).subList(0, 1));
    }
}
