package dev.vigil.vrrp.validate;

import static dev.vigil.vrrp.codec.Packets.VRRP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.vrrp.codec.Ipv4;
import dev.vigil.vrrp.codec.Packets;
import dev.vigil.vrrp.codec.ReceivedAdvert;
import dev.vigil.vrrp.codec.VrrpAdvert;
import dev.vigil.vrrp.codec.VrrpWire;
import dev.vigil.vrrp.spec.InstanceSpec;
import dev.vigil.vrrp.spec.UnicastPeer;
import dev.vigil.vrrp.stats.Counter;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertValidatorTest {
    static final Inet4Address US = Ipv4.parse("10.99.0.1");
    static final Inet4Address PEER = Ipv4.parse("10.99.0.2");
    static final Inet4Address VIP = Ipv4.parse("10.99.0.100");
    static final Inet4Address VIP2 = Ipv4.parse("10.99.0.101");

    static final InstanceSpec SPEC = InstanceSpec.builder("VI_1", 51, US).priority(100).passAuth("secret12")
            .vips(List.of(VIP)).build();
    final AdvertValidator validator = new AdvertValidator(SPEC);

    static VrrpAdvert good() {
        return Packets.advert(51, 150, 1, "secret12", List.of(VIP));
    }

    Verdict.Rejected rejected(ReceivedAdvert p, RejectReason reason, String log) {
        Verdict v = validator.validate(p, true);
        Verdict.Rejected r = assertInstanceOf(Verdict.Rejected.class, v, () -> "expected " + reason + " got " + v);
        assertEquals(reason, r.reason());
        assertEquals(log, r.logLine());
        return r;
    }

    @Test
    void wellFormedAdvertIsAccepted() {
        assertEquals(Verdict.ACCEPTED, validator.validate(Packets.received(good(), PEER), true));
    }

    @Test
    void trailingByteIsTooLong() {
        byte[] d = Arrays.copyOf(dev.vigil.vrrp.codec.AdvertEncoder.encodeMulticast(good(), PEER), 41);
        rejected(Packets.decode(d), RejectReason.LENGTH, "(VI_1) vrrp packet too long, length 41 and expect 40");
    }

    @Test
    void truncatedAuthIsTooShort() {
        byte[] d = Arrays.copyOf(dev.vigil.vrrp.codec.AdvertEncoder.encodeMulticast(good(), PEER), 36);
        rejected(Packets.decode(d), RejectReason.LENGTH, "(VI_1) vrrp packet too short, length 36 and expect 40");
    }

    @Test
    void ttlBelow255IsRejectedInMulticastMode() {
        rejected(Packets.received(good(), PEER, Ipv4.VRRP_GROUP, 254), RejectReason.TTL,
                "(VI_1) invalid TTL/HL. Received 254 and expect 255");
    }

    @Test
    void ttlIsNotCheckedInUnicastModeWithoutPeerRange() {
        InstanceSpec uni = SPEC.toBuilder().unicastPeers(List.of(UnicastPeer.of(PEER))).build();
        assertEquals(Verdict.ACCEPTED, new AdvertValidator(uni).validate(Packets.received(good(), PEER, US, 64), true));
    }

    @Test
    void version3IsWrongVersion() {
        rejected(Packets.mangled(good(), PEER, d -> d[VRRP] = 0x31), RejectReason.VERSION,
                "(VI_1) wrong version. Received 3 and expect 2");
    }

    @Test
    void authType7IsInvalid() {
        rejected(Packets.mangled(good(), PEER, d -> d[VRRP + 4] = 7), RejectReason.INVALID_AUTH_TYPE,
                "(VI_1) Invalid auth type: 7");
    }

    @Test
    void noAuthAgainstPassIsTypeMismatch() {
        rejected(Packets.received(Packets.advert(51, 150, 1, null, List.of(VIP)), PEER),
                RejectReason.AUTH_TYPE_MISMATCH, "(VI_1) received a 0 auth, expecting 1!");
    }

    @Test
    void wrongPasswordFails() {
        rejected(Packets.received(Packets.advert(51, 150, 1, "secret13", List.of(VIP)), PEER),
                RejectReason.AUTH_FAILURE, "(VI_1) received an invalid passwd!");
    }

    @Test
    void onlyFirstEightPasswordCharactersCount() {
        InstanceSpec longPass = SPEC.toBuilder().passAuth("secret12-and-more").build();
        assertEquals(Verdict.ACCEPTED, new AdvertValidator(longPass).validate(Packets.received(good(), PEER), true));
    }

    @Test
    void advertIntervalMismatchLogsBothIntervals() {
        InstanceSpec two = SPEC.toBuilder().adverInt(2).build();
        Verdict.Rejected r = assertInstanceOf(Verdict.Rejected.class,
                new AdvertValidator(two).validate(Packets.received(good(), PEER), true));
        assertEquals(RejectReason.ADVERT_INTERVAL, r.reason());
        assertEquals("(VI_1) advertisement interval mismatch mine=2 sec rcv'd=1 sec", r.logLine());
        assertEquals(Counter.ADVERT_INTERVAL_ERROR, r.reason().counter());
    }

    @Test
    void typeOtherThanAdvertisementIsInvalid() {
        rejected(Packets.mangled(good(), PEER, d -> d[VRRP] = 0x22), RejectReason.INVALID_TYPE,
                "(VI_1) Invalid packet type. 2 and expect 1");
    }

    @Test
    void addressCountMismatch() {
        VrrpAdvert two = Packets.advert(51, 150, 1, "secret12", List.of(VIP, VIP2));
        rejected(Packets.received(two, PEER), RejectReason.ADDRESS_COUNT,
                "(VI_1) received an unexpected ip number count 2, expected 1!");
    }

    @Test
    void ipTotalLengthMismatch() {
        rejected(Packets.raw(good(), PEER, d -> d[3] = 44), RejectReason.IP_TOTAL_LENGTH,
                "(VI_1) ip_tot_len mismatch against received length. 44 and received 40");
    }

    @Test
    void badChecksum() {
        rejected(Packets.raw(good(), PEER, d -> d[VRRP + 7] ^= 1), RejectReason.CHECKSUM,
                "(VI_1) Invalid VRRPv2 checksum");
    }

    @Test
    void unicastAdvertOnMulticastInstance() {
        rejected(Packets.received(good(), PEER, US, 255), RejectReason.CAST_MISMATCH,
                "(VI_1) Expected multicast packet but received unicast packet");
        InstanceSpec uni = SPEC.toBuilder().unicastPeers(List.of(UnicastPeer.of(PEER))).build();
        Verdict.Rejected r = assertInstanceOf(Verdict.Rejected.class,
                new AdvertValidator(uni).validate(Packets.received(good(), PEER), true));
        assertEquals("(VI_1) Expected unicast packet but received multicast packet", r.logLine());
    }

    @Test
    void missingVipIsCountedAsReceivedThenRejected() {
        VrrpAdvert other = Packets.advert(51, 150, 1, "secret12", List.of(VIP2));
        Verdict.Rejected r = rejected(Packets.received(other, PEER), RejectReason.VIP_MISSING,
                "(VI_1) ip address associated with VRID 51 not present in MASTER advert: 10.99.0.100");
        assertTrue(r.reason().countedAsReceived());
        assertFalse(RejectReason.CHECKSUM.countedAsReceived());
    }

    @Test
    void addressChecksSkippedWhenAskedTo() {
        VrrpAdvert other = Packets.advert(51, 150, 1, "secret12", List.of(VIP, VIP2));
        assertEquals(Verdict.ACCEPTED, validator.validate(Packets.received(other, PEER), false));
    }

    @Test
    void unicastSourceMustBeAPeerWithinTtlRange() {
        InstanceSpec uni = SPEC.toBuilder().checkUnicastSrc(true)
                .unicastPeers(List.of(new UnicastPeer(PEER, 250, 255))).build();
        AdvertValidator v = new AdvertValidator(uni);
        Verdict.Rejected stranger = assertInstanceOf(Verdict.Rejected.class,
                v.validate(Packets.received(good(), Ipv4.parse("10.99.0.9"), US, 255), true));
        assertEquals("(VI_1) unicast source address 10.99.0.9 not a unicast peer", stranger.logLine());
        Verdict.Rejected ttl = assertInstanceOf(Verdict.Rejected.class,
                v.validate(Packets.received(good(), PEER, US, 64), true));
        assertEquals("(VI_1) TTL/HL 64 not in range 250 - 255", ttl.logLine());
        assertEquals(Verdict.ACCEPTED, v.validate(Packets.received(good(), PEER, US, 255), true));
    }

    @Test
    void ahHeaderWithoutAhAuthIsTypeMismatch() {
        byte[] d = dev.vigil.vrrp.codec.AdvertEncoder.encodeMulticast(good(), PEER);
        byte[] withAh = new byte[d.length + 24];
        System.arraycopy(d, 0, withAh, 0, 20);
        System.arraycopy(d, 20, withAh, 44, d.length - 20);
        withAh[VrrpWire.IP_PROTOCOL] = (byte) VrrpWire.IPPROTO_AH;
        rejected(Packets.decode(withAh), RejectReason.AH_UNEXPECTED, "(VI_1) Received AH header but auth type not AH");
    }

    @Test
    void unknownVridIsIgnoredAndLoggedOnlyWhenAsked() {
        assertNull(AdvertValidator.unknownVrid(9, "eth0", false).logLine());
        assertEquals("Unknown VRID(9) received on interface(eth0). ignoring...",
                AdvertValidator.unknownVrid(9, "eth0", true).logLine());
    }
}
