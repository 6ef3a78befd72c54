package dev.vigil.vrrp.instance;

import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.IP_C;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.instance.InstanceAction.LogLine;
import dev.vigil.vrrp.instance.InstanceAction.Notify;
import dev.vigil.vrrp.instance.InstanceAction.SendAdvert;
import dev.vigil.vrrp.instance.InstanceAction.SendGarp;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.stats.Counter;
import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Less common keepalived instance options and their observable effect. */
class KeepalivedOptionsTest {
    static final Inet4Address OTHER_VIP = Ipv4.parse("10.99.0.200");

    static InstanceEvent advert(Inet4Address src, int priority, List<Inet4Address> vips) {
        return new InstanceEvent.AdvertReceived(Packets.received(Packets.advert(51, priority, 1, "secret12", vips), src));
    }

    @Test
    void skipCheckAdvAddrSkipsAddressChecksOnlyForTheKnownMaster() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 100).skipCheckAdvAddr(true).build()).startAll(0)
                .at(s(1), "VI_1", advert(IP_B, 150, List.of(VIP)))           // records B as master
                .at(s(2), "VI_1", advert(IP_B, 150, List.of(OTHER_VIP)))     // same master: not checked
                .at(s(3), "VI_1", advert(IP_C, 150, List.of(OTHER_VIP)))     // new master: checked, rejected
                .runUntil(s(3));
        assertEquals(0 + 1, seg.node("VI_1").stats().get(Counter.ADDRESS_LIST_ERROR));
        assertEquals(IP_B, seg.node("VI_1").masterAddress());
        // the rejected advert did not reset the timer armed at 2 s
        seg.runUntil(s(10));
        assertEquals(s(2) + s(3.609375), seg.firstTime("VI_1", a -> a instanceof SendAdvert));
    }

    @Test
    void withoutSkipCheckAdvAddrEveryAdvertIsChecked() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 100).build()).startAll(0)
                .at(s(1), "VI_1", advert(IP_B, 150, List.of(VIP)))
                .at(s(2), "VI_1", advert(IP_B, 150, List.of(OTHER_VIP))).runUntil(s(2));
        assertEquals(1, seg.node("VI_1").stats().get(Counter.ADDRESS_LIST_ERROR));
    }

    @Test
    void lowerPrioNoAdvertLogsWithoutForcingAnElection() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).lowerPrioNoAdvert(true).build()).startAll(0)
                .runUntil(s(4)).clearTrace().at(s(4.2), "VI_1", advert(IP_B, 100, List.of(VIP))).runUntil(s(4.2));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Received advert from 10.99.0.2 with lower priority 100, ours 150"));
        assertTrue(seg.actions("VI_1", SendAdvert.class).isEmpty());
        assertEquals(1, seg.actions("VI_1", SendGarp.class).size());
    }

    @Test
    void higherPrioSendAdvertAnswersBeforeStepping() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).higherPrioSendAdvert(true).build()).startAll(0)
                .runUntil(s(4)).clearTrace().at(s(4.2), "VI_1", advert(IP_B, 200, List.of(VIP))).runUntil(s(4.2));
        assertEquals(List.of(new SendAdvert(150)), seg.actions("VI_1", SendAdvert.class));
        assertEquals(VrrpState.BACKUP, seg.state("VI_1"));
    }

    @Test
    void lowerPriorityGarpsRepeatAfterGarpLowerPrioDelay() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).build()).startAll(0).runUntil(s(4)).clearTrace()
                .at(s(4.2), "VI_1", advert(IP_B, 100, List.of(VIP))).runUntil(s(10));
        // 3.414062 + 5 s is the second takeover burst (garp_master_delay), 4.2 + 5 s the lower-priority one
        assertEquals(List.of(s(4.2), s(8.414062), s(9.2)), seg.entries("VI_1", a -> a instanceof SendGarp).stream()
                .map(Segment.Entry::time).toList());
    }

    @Test
    void takeoverAfterPriorityZeroSaysSoInItsNotify() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 100).build()).startAll(0)
                .at(s(1), "VI_1", advert(IP_B, 150, List.of(VIP))).at(s(2), "VI_1", advert(IP_B, 0, List.of(VIP)))
                .runUntil(s(3));
        assertEquals(List.of(new Notify(VrrpState.BACKUP, 100, "init"),
                new Notify(VrrpState.MASTER, 100, "priority 0 advert from 10.99.0.2")),
                seg.actions("VI_1", Notify.class));
        assertTrue(seg.logs("VI_1").contains("(VI_1) Backup received priority 0 advertisement"));
    }

    @Test
    void invalidAdvertIsLoggedAndCountedButChangesNothing() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 100).build()).startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.AdvertReceived(Packets.received(
                        Packets.advert(51, 150, 1, "wrongpw!", List.of(VIP)), IP_B))).runUntil(s(1));
        assertEquals(List.of(new LogLine(false, "(VI_1) received an invalid passwd!")),
                seg.observable("VI_1", s(1), s(1)));
        assertEquals(1, seg.node("VI_1").stats().get(Counter.AUTH_FAILURE));
        assertEquals(0, seg.node("VI_1").stats().get(Counter.ADVERT_RECEIVED));
    }

    @Test
    void dontTrackPrimaryIgnoresTheInstanceInterfaceLink() {
        Segment seg = new Segment().add(node("VI_1", IP_A, 150).dontTrackPrimary(true).build()).startAll(0)
                .at(s(1), "VI_1", new InstanceEvent.LinkChanged("eth0", false)).runUntil(s(5));
        assertEquals(VrrpState.MASTER, seg.state("VI_1"));
    }
}
