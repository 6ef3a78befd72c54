package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertEncoderTest {

    /** keepalived obs: {@code vrid 51, prio 150, authtype simple, intvl 1s, length 20, addrs: 10.99.0.100 auth "secret12"}. */
    static final String KEEPALIVED_PASS_MESSAGE =
            "21 33 96 01 01 01 cf84 0a630064 7365637265743132";
    static final String KEEPALIVED_PASS_IP_HEADER =
            "45 c0 0028 0000 0000 ff 70 d02f 0a630001 e0000012";

    static VrrpAdvert keepalivedPassAdvert() {
        return VrrpAdvert.advertisement(51, 150, 1, AuthType.PASS, AuthType.passwordData("secret12"),
                List.of(Ipv4.parse("10.99.0.100")));
    }

    @Test
    void messageMatchesKeepalivedObservedPassAdvert() {
        byte[] msg = AdvertEncoder.encodeMessage(keepalivedPassAdvert());
        assertEquals(20, msg.length);
        assertEquals(Hex.of(Hex.bytes(KEEPALIVED_PASS_MESSAGE)), Hex.of(msg));
    }

    @Test
    void multicastDatagramHasTos0xc0Ttl255Proto112AndIpChecksum() {
        byte[] dgram = AdvertEncoder.encodeMulticast(keepalivedPassAdvert(), Ipv4.parse("10.99.0.1"));
        assertEquals(Hex.of(Hex.bytes(KEEPALIVED_PASS_IP_HEADER + KEEPALIVED_PASS_MESSAGE)), Hex.of(dgram));
    }

    @Test
    void noAuthTwoAddressesCarriesEightZeroAuthBytes() {
        VrrpAdvert a = VrrpAdvert.advertisement(7, 100, 3, AuthType.NONE, AuthType.passwordData("ignored!"),
                List.of(Ipv4.parse("192.168.1.10"), Ipv4.parse("192.168.1.11")));
        assertEquals(Hex.of(Hex.bytes("21 07 64 02 00 03 f78c c0a8010a c0a8010b 0000000000000000")),
                Hex.of(AdvertEncoder.encodeMessage(a)));
    }

    @Test
    void shortPasswordIsZeroPaddedAndLongOneTruncatedToEight() {
        assertEquals("3131313100000000", Hex.of(AuthType.passwordData("1111")));
        assertEquals("6162636465666768", Hex.of(AuthType.passwordData("abcdefghijk")));
    }

    @Test
    void unicastDatagramUsesPeerAddressAndConfiguredTtl() {
        byte[] dgram = AdvertEncoder.encodeDatagram(keepalivedPassAdvert(), Ipv4.parse("10.99.0.1"),
                Ipv4.parse("10.99.0.2"), 64);
        assertEquals("0a630002", Hex.of(dgram).substring(32, 40));
        assertEquals(64, dgram[VrrpWire.IP_TTL]);
        assertEquals(0, InetChecksum.compute(dgram, 0, 20), "IP header checksum verifies");
    }

    @Test
    void priorityZeroCopyRecomputesChecksum() {
        byte[] msg = AdvertEncoder.encodeMessage(keepalivedPassAdvert().withPriority(0));
        assertEquals(0, msg[2]);
        assertEquals(0, InetChecksum.compute(msg, 0, msg.length));
    }
}
