package dev.vigil.vrrp.sim;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.instance.InstanceAction;
import dev.vigil.vrrp.instance.InstanceEvent;
import dev.vigil.vrrp.instance.VrrpState;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.TrackedObject;
import dev.vigil.vrrp.spec.UnicastPeer;
import dev.vigil.vrrp.stats.Counter;
import dev.vigil.vrrp.sync.SyncGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-cluster scenarios on the simulated segment, as an operator would describe them. */
class ScenarioTest {

    @Test
    void unicastPairElectsAndFailsOverLikeMulticast() {
        Segment seg = new Segment()
                .add(node("A", IP_A, 150).unicastPeers(List.of(UnicastPeer.of(IP_B))).build())
                .add(node("B", IP_B, 100).unicastPeers(List.of(UnicastPeer.of(IP_A))).build())
                .startAll(0).runUntil(s(10));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(VrrpState.BACKUP, seg.state("B"));
        assertEquals(0, seg.node("B").stats().get(Counter.ADDRESS_LIST_ERROR), "unicast adverts are accepted");
        seg.at(s(10), "A", InstanceEvent.SHUTDOWN).runUntil(s(12));
        assertEquals(s(10.609375), seg.firstTime("B", a -> a instanceof InstanceAction.AddVips));
    }

    @Test
    void multicastAdvertsAreRejectedByAUnicastInstance() {
        Segment seg = new Segment().add(node("A", IP_A, 150).build())
                .add(node("B", IP_B, 100).unicastPeers(List.of(UnicastPeer.of(IP_A))).build())
                .startAll(0).runUntil(s(10));
        assertEquals(VrrpState.MASTER, seg.state("B"), "dual master, as keepalived does on a mode mismatch");
        assertTrue(seg.logs("B").contains("(B) Expected unicast packet but received multicast packet"));
    }

    @Test
    void authPasswordMismatchGivesDualMasterWithAnErrorOnEachSide() {
        Segment seg = new Segment().add(node("A", IP_A, 150).build())
                .add(node("B", IP_B, 100).passAuth("other123").build()).startAll(0).runUntil(s(10));
        assertEquals(VrrpState.MASTER, seg.state("A"));
        assertEquals(VrrpState.MASTER, seg.state("B"));
        assertTrue(seg.logs("A").contains("(A) received an invalid passwd!"));
        assertTrue(seg.logs("B").contains("(B) received an invalid passwd!"));
    }

    static InstanceSpec member(String name, int vrid, String ip, int prio) {
        return InstanceSpec.builder(name, vrid, Ipv4.parse(ip)).priority(prio).interfaceName(name.endsWith("1") ? "eth0" : "eth1")
                .vips(List.of(Ipv4.parse("10.99." + vrid + ".100"))).build();
    }

    @Test
    void syncGroupsOnTwoDirectorsFailOverTogetherWhenOneLinkDies() {
        // director A (priority 150) and B (100) each run sync group G over VRID 51 (eth0) and 52 (eth1)
        Segment seg = new Segment()
                .add(SyncGroup.of("GA", List.of(member("A1", 51, "10.99.0.1", 150), member("A2", 52, "10.99.1.1", 150)), false))
                .add(SyncGroup.of("GB", List.of(member("B1", 51, "10.99.0.2", 100), member("B2", 52, "10.99.1.2", 100)), false))
                .startAll(0).runUntil(s(10));
        assertEquals(List.of(VrrpState.MASTER, VrrpState.MASTER, VrrpState.BACKUP, VrrpState.BACKUP),
                List.of(seg.state("A1"), seg.state("A2"), seg.state("B1"), seg.state("B2")));
        // A's eth1 goes down: A2 faults, the group takes A1 along, both send priority 0, B takes both over
        seg.at(s(10), "A2", new InstanceEvent.LinkChanged("eth1", false)).runUntil(s(12));
        assertEquals(List.of(VrrpState.FAULT, VrrpState.FAULT, VrrpState.MASTER, VrrpState.MASTER),
                List.of(seg.state("A1"), seg.state("A2"), seg.state("B1"), seg.state("B2")));
        assertEquals(s(10.609375), seg.firstTime("B1", a -> a instanceof InstanceAction.AddVips));
        assertEquals(s(10.609375), seg.firstTime("B2", a -> a instanceof InstanceAction.AddVips));
        // link back: A returns to BACKUP, then preempts both VRIDs
        seg.at(s(20), "A2", new InstanceEvent.LinkChanged("eth1", true)).runUntil(s(30));
        assertEquals(List.of(VrrpState.MASTER, VrrpState.MASTER, VrrpState.BACKUP, VrrpState.BACKUP),
                List.of(seg.state("A1"), seg.state("A2"), seg.state("B1"), seg.state("B2")));
    }

    @Test
    void failingCheckScriptMovesTheVipToThePeer() {
        TrackedObject chk = TrackedObject.script("chk_svc", -60);
        Segment seg = new Segment().add(node("A", IP_A, 150).tracked(List.of(chk)).build())
                .add(node("B", IP_B, 100).build())
                .at(0, "A", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk_svc", true))
                .startAll(0).runUntil(s(10))
                .at(s(10), "A", new InstanceEvent.TrackChanged(TrackedObject.Kind.SCRIPT, "chk_svc", false))
                .runUntil(s(20));
        // A now advertises 90; B (100) discards the lower adverts and takes over at its Master_Down_Interval
        assertTrue(seg.logs("A").contains("(A) Changing effective priority from 150 to 90"));
        assertTrue(seg.logs("A").contains("(A) Master received advert from 10.99.0.2 with higher priority 100, ours 90"));
        assertEquals(VrrpState.MASTER, seg.state("B"));
        assertEquals(VrrpState.BACKUP, seg.state("A"));
        assertTrue(seg.node("B").vipsSet());
        assertEquals(List.of(VIP), seg.actions("B", InstanceAction.AddVips.class).get(0).addresses());
    }
}
