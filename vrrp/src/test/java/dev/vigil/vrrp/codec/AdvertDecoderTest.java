package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdvertDecoderTest {

    static ReceivedAdvert decoded(byte[] b) {
        return assertInstanceOf(DecodeResult.Decoded.class, AdvertDecoder.decode(b)).packet();
    }

    @Test
    void decodesKeepalivedPassAdvertFromHandWrittenHex() {
        ReceivedAdvert r = decoded(Hex.bytes(AdvertEncoderTest.KEEPALIVED_PASS_IP_HEADER
                + AdvertEncoderTest.KEEPALIVED_PASS_MESSAGE));
        assertEquals(255, r.ip().ttl());
        assertEquals(40, r.ip().totalLength());
        assertEquals(40, r.receivedLength());
        assertEquals(Ipv4.parse("10.99.0.1"), r.ip().source());
        assertTrue(r.ip().isMulticastDestination());
        assertTrue(r.checksumValid());
        VrrpAdvert a = r.advert();
        assertEquals(2, a.version());
        assertEquals(1, a.type());
        assertEquals(51, a.vrid());
        assertEquals(150, a.priority());
        assertEquals(List.of(Ipv4.parse("10.99.0.100")), a.addresses());
        assertEquals(1, a.authType());
        assertArrayEquals("secret12".getBytes(), a.authData());
        assertEquals(1, a.adverInt());
        assertEquals(0xcf84, a.checksum());
        assertEquals(40, r.expectedLength());
    }

    @Test
    void roundTripsEncoderOutput() {
        VrrpAdvert a = AdvertEncoderTest.keepalivedPassAdvert();
        ReceivedAdvert r = decoded(AdvertEncoder.encodeMulticast(a, Ipv4.parse("10.0.0.1")));
        assertEquals(a.addresses(), r.advert().addresses());
        assertEquals(a.priority(), r.advert().priority());
    }

    @Test
    void corruptedByteFailsChecksumButStillDecodes() {
        byte[] b = Hex.bytes(AdvertEncoderTest.KEEPALIVED_PASS_IP_HEADER + AdvertEncoderTest.KEEPALIVED_PASS_MESSAGE);
        b[20 + 2] = 100; // priority changed without fixing the checksum
        ReceivedAdvert r = decoded(b);
        assertFalse(r.checksumValid());
        assertEquals(100, r.advert().priority());
    }

    @Test
    void countLargerThanPayloadDecodesAvailableAddressesOnly() {
        byte[] b = Hex.bytes(AdvertEncoderTest.KEEPALIVED_PASS_IP_HEADER + AdvertEncoderTest.KEEPALIVED_PASS_MESSAGE);
        b[20 + 3] = 9;
        ReceivedAdvert r = decoded(b);
        assertEquals(9, r.advert().addressCount());
        assertEquals(3, r.advert().addresses().size());
        assertEquals(20 + 8 + 36 + 8, r.expectedLength());
        assertFalse(r.checksumValid());
    }

    @Test
    void tooShortDatagramIsMalformedWithKeepalivedText() {
        var m = assertInstanceOf(DecodeResult.Malformed.class, AdvertDecoder.decode(new byte[27]));
        assertEquals("IPv4 VRRP packet too short - 27 bytes", m.logLine());
        assertInstanceOf(DecodeResult.Malformed.class, AdvertDecoder.decode(new byte[0]));
    }

    @Test
    void randomGarbageNeverThrows() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(80)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) {
                b[0] = 0x45;
            }
            AdvertDecoder.decode(b); // must not throw
        }
    }
}
