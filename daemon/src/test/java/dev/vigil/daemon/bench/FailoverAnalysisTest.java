package dev.vigil.daemon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.daemon.it.PacketCapture.CapturedPacket;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The failover figures computed from synthetic tcpdump lines (the layout {@code tcpdump -nn -tt -e -v} prints). */
class FailoverAnalysisTest {
    static final String OLD_IP = "10.99.0.1";
    static final String NEW_MAC = "bb:bb:bb:bb:bb:02";
    static final String VIP = "10.99.0.100";
    static final long MDI = FailoverAnalysis.masterDownMicros(100, 1_000_000);
    static final long SKEW = FailoverAnalysis.skewMicros(100, 1_000_000);

    static CapturedPacket advert(long micros, String ip, int prio) {
        return new CapturedPacket(micros, "aa:aa:aa:aa:aa:01 > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 54: "
                + "(tos 0xc0, ttl 255, id 1, offset 0, flags [none], proto VRRP (112), length 40) " + ip
                + " > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio " + prio
                + ", authtype simple, intvl 1s, length 20, addrs: " + VIP + " auth \"bench123\"");
    }

    static CapturedPacket garp(long micros, String mac) {
        return new CapturedPacket(micros, mac + " > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Ethernet "
                + "(len 6), IPv4 (len 4), Request who-has " + VIP + " (ff:ff:ff:ff:ff:ff) tell " + VIP + ", length 28");
    }

    @Test
    void rfcTimersForPriority100() {
        assertEquals(609_375, SKEW);
        assertEquals(3_609_375, MDI);
    }

    @Test
    void takeoverIsMeasuredFromTheLastAdvertBeforeTheFailure() {
        List<CapturedPacket> pkts = List.of(advert(0, OLD_IP, 150), advert(1_000_000, OLD_IP, 150),
                garp(500_000, "cc:cc:cc:cc:cc:03"), // someone else's GARP is not the new master's
                advert(4_000_000, "10.99.0.2", 100), garp(1_000_000 + MDI + 1_200, NEW_MAC),
                garp(1_000_000 + MDI + 1_400, NEW_MAC));
        assertEquals(OptionalLong.of(1_200), FailoverAnalysis.takeoverBeyondMasterDown(pkts, OLD_IP, 150, NEW_MAC,
                VIP, 1_500_000, MDI));
    }

    @Test
    void takeoverWithoutAGarpIsNoFigure() {
        List<CapturedPacket> pkts = List.of(advert(0, OLD_IP, 150), garp(-5, NEW_MAC));
        assertTrue(FailoverAnalysis.takeoverBeyondMasterDown(pkts, OLD_IP, 150, NEW_MAC, VIP, 10, MDI).isEmpty());
    }

    @Test
    void handoverIsMeasuredFromThePriorityZeroAdvert() {
        List<CapturedPacket> pkts = List.of(advert(9_000_000, OLD_IP, 150), advert(9_500_000, OLD_IP, 0),
                advert(10_000_000, OLD_IP, 0), garp(10_000_000 + SKEW + 7_000, NEW_MAC));
        // The priority-0 advert before the stop (an earlier run) does not count.
        assertEquals(OptionalLong.of(7_000),
                FailoverAnalysis.handoverBeyondSkew(pkts, OLD_IP, NEW_MAC, VIP, 9_900_000, SKEW));
    }

    @Test
    void jitterIsTheDeviationOfEachGapWithinAMastershipPeriod() {
        List<CapturedPacket> pkts = List.of(advert(0, OLD_IP, 150), advert(1_000_100, OLD_IP, 150),
                advert(1_999_900, OLD_IP, 150), advert(1_500_000, "10.99.0.2", 100), advert(2_500_000, OLD_IP, 0),
                advert(9_000_000, OLD_IP, 150), advert(10_000_300, OLD_IP, 150));
        assertEquals(List.of(100L, 200L, 300L), FailoverAnalysis.advertJitterMicros(pkts, OLD_IP, 150, 1_000_000));
    }
}
