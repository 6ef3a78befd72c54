package dev.vigil.vrrp.unhiol;

import static dev.vigil.vrrp.codec.Packets.VRRP;
import static dev.vigil.vrrp.sim.Specs.IP_A;
import static dev.vigil.vrrp.sim.Specs.IP_B;
import static dev.vigil.vrrp.sim.Specs.VIP;
import static dev.vigil.vrrp.sim.Specs.node;
import static dev.vigil.vrrp.sim.VirtualClock.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.AdvertEncoder;
import dev.vigil.vrrp.codec.InetChecksum;
import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.codec.VrrpAdvert;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.instance.AdvertFactory;
import dev.vigil.vrrp.instance.InstanceAction.AddVips;
import dev.vigil.vrrp.instance.VridDispatcher;
import dev.vigil.vrrp.instance.VrrpInstance;
import dev.vigil.vrrp.sim.Segment;
import dev.vigil.vrrp.stats.Counter;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * UNH-IOL VRRP Operations Test Suite (rev 2.5), Group 4 "VRRP Transmission and Reception": tests VRRP.4.1–4.9
 * (the {@code keepalived4_x} cases are keepalived's extra address-list checks). A backup must discard every
 * malformed advert (RFC 3768 §7.1). A priority-150 master sends valid adverts at 0.5 … 5.5 s, then only malformed ones each second.
 * Discarding means the backup's Master_Down timer is not reset: it takes over at 5.5 + 3.609375 s. Each
 * case also checks keepalived's counter and log line.
 */
class UnhIolGroup4PacketValidationTest {
    static final Inet4Address MASTER = Ipv4.parse("10.99.0.9");
    static final long TAKEOVER = s(5.5) + s(3.609375);

    static byte[] valid() {
        return AdvertEncoder.encodeMulticast(Packets.advert(51, 150, 1, "secret12", List.of(VIP)), MASTER);
    }

    /** Patches bytes and re-fixes the VRRP checksum, so only the intended field is wrong. */
    static UnaryOperator<byte[]> field(int offset, int value) {
        return d -> {
            d[offset] = (byte) value;
            Packets.fixVrrpChecksum(d, d.length - VRRP);
            return d;
        };
    }

    static Segment replay(UnaryOperator<byte[]> malform) {
        Segment seg = new Segment().add(node("B", IP_B, 100).build()).startAll(0);
        for (int i = 0; i < 13; i++) {
            byte[] d = valid();
            seg.packetAt(s(0.5 + i), "B", i <= 5 ? d : malform.apply(d));
        }
        return seg.runUntil(s(13));
    }

    static void assertDiscarded(UnaryOperator<byte[]> malform, Counter counter, String log) {
        Segment seg = replay(malform);
        assertEquals(TAKEOVER, seg.firstTime("B", a -> a instanceof AddVips), "Master_Down timer not reset");
        VrrpInstance b = seg.node("B");
        if (counter != null) {
            assertEquals(7, b.stats().get(counter), counter + " counted for every malformed advert");
        }
        assertTrue(seg.logs("B").contains(log), () -> "missing log line: " + log + " in " + seg.logs("B"));
    }

    @Test
    void vrrp4_0_control_validAdvertsKeepTheBackupInBackup() {
        Segment seg = replay(d -> d);
        assertEquals(-1, seg.firstTime("B", a -> a instanceof AddVips));
        assertEquals(13, seg.node("B").stats().get(Counter.ADVERT_RECEIVED));
    }

    @Test
    void vrrp4_1_invalidTtl_ttlNot255IsDiscarded() {
        assertDiscarded(d -> {
            d[VrrpWire.IP_TTL] = (byte) 254;
            return d;
        }, Counter.TTL_ERROR, "(B) invalid TTL/HL. Received 254 and expect 255");
    }

    @Test
    void vrrp4_2_invalidVersion_versionNot2IsDiscarded() {
        assertDiscarded(field(VRRP, 0x31), Counter.VERSION_ERROR, "(B) wrong version. Received 3 and expect 2");
    }

    @Test
    void vrrp4_3a_invalidPacketLength_packetShorterThanItsAddressCountIsDiscarded() {
        assertDiscarded(d -> Arrays.copyOf(d, d.length - 1), Counter.PACKET_LENGTH_ERROR,
                "(B) vrrp packet too short, length 39 and expect 40");
    }

    @Test
    void vrrp4_3b_invalidPacketLength_packetLongerThanItsAddressCountIsDiscarded() {
        assertDiscarded(d -> Arrays.copyOf(d, d.length + 4), Counter.PACKET_LENGTH_ERROR,
                "(B) vrrp packet too long, length 44 and expect 40");
    }

    @Test
    void vrrp4_3c_invalidPacketLength_ipTotalLengthDisagreeingWithReceivedLengthIsDiscarded() {
        assertDiscarded(d -> {
            d[VrrpWire.IP_TOTAL_LENGTH + 1] = 48;
            return d;
        }, Counter.PACKET_LENGTH_ERROR, "(B) ip_tot_len mismatch against received length. 48 and received 40");
    }

    @Test
    void vrrp4_3d_invalidPacketLength_runtPacketShorterThanTheHeadersIsDiscardedByTheDecoder() {
        Segment seg = replay(d -> Arrays.copyOf(d, 25));
        assertEquals(TAKEOVER, seg.firstTime("B", a -> a instanceof AddVips));
        assertTrue(seg.logs("B").contains("IPv4 VRRP packet too short - 25 bytes"));
    }

    @Test
    void vrrp4_4_invalidChecksum_badChecksumIsDiscarded() {
        assertDiscarded(d -> {
            d[VRRP + VrrpWire.VRRP_CHECKSUM] ^= 0x40;
            return d;
        }, Counter.CHECKSUM_ERROR, "(B) Invalid VRRPv2 checksum");
    }

    @Test
    void vrrp4_5_invalidVrid_unknownVridIsIgnored() {
        VridDispatcher dispatcher = new VridDispatcher("eth0", true);
        VrrpInstance b = new VrrpInstance(node("B", IP_B, 100).build());
        dispatcher.register(b);
        byte[] other = field(VRRP + VrrpWire.VRRP_VRID, 52).apply(valid());
        ReceivedAdvert packet = Packets.decode(other);
        assertTrue(dispatcher.route(packet).isEmpty());
        assertEquals("Unknown VRID(52) received on interface(eth0). ignoring...", dispatcher.ignored(packet).logLine());
        assertNull(new VridDispatcher("eth0", false).ignored(packet).logLine(), "silent unless log_unknown_vrids");
        assertEquals(b, dispatcher.route(Packets.decode(valid())).orElseThrow());
    }

    @Test
    void vrrp4_6a_invalidAuthType_invalidAuthTypeIsDiscarded() {
        assertDiscarded(field(VRRP + VrrpWire.VRRP_AUTH_TYPE, 3), Counter.INVALID_AUTH_TYPE, "(B) Invalid auth type: 3");
    }

    @Test
    void vrrp4_6b_invalidAuthType_authTypeMismatchIsDiscarded() {
        assertDiscarded(field(VRRP + VrrpWire.VRRP_AUTH_TYPE, 0), Counter.AUTH_TYPE_MISMATCH,
                "(B) received a 0 auth, expecting 1!");
    }

    @Test
    void vrrp4_6c_invalidAuthType_wrongPasswordIsDiscarded() {
        assertDiscarded(field(VRRP + 12, 'S'), Counter.AUTH_FAILURE, "(B) received an invalid passwd!");
    }

    @Test
    void vrrp4_7_invalidAdverInterval_advertIntervalMismatchIsDiscarded() {
        assertDiscarded(field(VRRP + VrrpWire.VRRP_ADVER_INT, 2), Counter.ADVERT_INTERVAL_ERROR,
                "(B) advertisement interval mismatch mine=1 sec rcv'd=2 sec");
    }

    @Test
    void vrrp4_8_unknownType_unknownPacketTypeIsDiscarded() {
        assertDiscarded(field(VRRP, 0x2f), Counter.INVALID_TYPE, "(B) Invalid packet type. 15 and expect 1");
    }

    @Test
    void keepalived4_x1_addressCountMismatchIsDiscarded() {
        assertDiscarded(d -> AdvertEncoder.encodeMulticast(Packets.advert(51, 150, 1, "secret12",
                List.of(VIP, Ipv4.parse("10.99.0.101"))), MASTER), Counter.ADDRESS_LIST_ERROR,
                "(B) received an unexpected ip number count 2, expected 1!");
    }

    @Test
    void keepalived4_x2_missingVirtualAddressIsDiscarded() {
        assertDiscarded(d -> AdvertEncoder.encodeMulticast(Packets.advert(51, 150, 1, "secret12",
                List.of(Ipv4.parse("10.99.0.101"))), MASTER), Counter.ADDRESS_LIST_ERROR,
                "(B) ip address associated with VRID 51 not present in MASTER advert: 10.99.0.100");
    }

    @Test
    void vrrp4_9a_properTransmission_masterAdvertIsWellFormed() {
        var spec = node("A", IP_A, 150).build();
        List<AdvertFactory.Outbound> out = AdvertFactory.datagrams(spec, 150);
        assertEquals(1, out.size());
        byte[] d = out.get(0).datagram();
        assertEquals(Ipv4.VRRP_GROUP, out.get(0).destination());
        assertEquals(0x45, d[0] & 0xff);
        assertEquals(0xc0, d[VrrpWire.IP_TOS] & 0xff);
        assertEquals(255, d[VrrpWire.IP_TTL] & 0xff);
        assertEquals(112, d[VrrpWire.IP_PROTOCOL] & 0xff);
        assertEquals(0, InetChecksum.compute(d, 0, 20), "IP header checksum");
        assertEquals(0, InetChecksum.compute(d, VRRP, d.length - VRRP), "VRRP checksum");
        ReceivedAdvert r = Packets.decode(d);
        VrrpAdvert a = r.advert();
        assertEquals(List.of(2, 1, 51, 150, 1, 1, 1), List.of(a.version(), a.type(), a.vrid(), a.priority(),
                a.addressCount(), a.authType(), a.adverInt()));
        assertEquals(IP_A, r.ip().source());
        assertEquals(List.of(VIP), a.addresses());
        assertEquals(r.receivedLength(), r.ip().totalLength());
        assertFalse(r.ahPresent());
    }

    @Test
    void vrrp4_9b_properTransmission_unicastSendsOneCopyPerPeerWithUnicastTtl() {
        var spec = node("A", IP_A, 150).unicastPeers(List.of(dev.vigil.vrrp.spec.UnicastPeer.of(IP_B),
                dev.vigil.vrrp.spec.UnicastPeer.of(MASTER))).unicastTtl(64).build();
        List<AdvertFactory.Outbound> out = AdvertFactory.datagrams(spec, 150);
        assertEquals(List.of(IP_B, MASTER), out.stream().map(AdvertFactory.Outbound::destination).toList());
        assertEquals(64, out.get(1).datagram()[VrrpWire.IP_TTL]);
        assertEquals(MASTER, Packets.decode(out.get(1).datagram()).ip().destination());
    }
}
