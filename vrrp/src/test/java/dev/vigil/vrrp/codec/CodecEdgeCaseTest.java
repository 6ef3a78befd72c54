package dev.vigil.vrrp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodecEdgeCaseTest {

    @Test
    void checksumOfOddLengthPadsTheLastByte() {
        assertEquals(~0x0100 & 0xffff, InetChecksum.compute(new byte[] {1}, 0, 1));
        assertEquals(0xffff, InetChecksum.compute(new byte[0], 0, 0));
    }

    @Test
    void decodeHonoursOffsetAndLengthOfALargerBuffer() {
        byte[] dgram = AdvertEncoder.encodeMulticast(AdvertEncoderTest.keepalivedPassAdvert(), Ipv4.parse("10.99.0.1"));
        byte[] buf = new byte[dgram.length + 64];
        System.arraycopy(dgram, 0, buf, 10, dgram.length);
        var d = assertInstanceOf(DecodeResult.Decoded.class, AdvertDecoder.decode(buf, 10, dgram.length));
        assertEquals(51, d.packet().advert().vrid());
        assertTrue(d.packet().checksumValid());
        assertInstanceOf(DecodeResult.Malformed.class, AdvertDecoder.decode(buf, 60, 40), "past the end");
    }

    @Test
    void ipOptionsShiftTheVrrpHeader() {
        byte[] plain = AdvertEncoder.encodeMulticast(AdvertEncoderTest.keepalivedPassAdvert(), Ipv4.parse("10.99.0.1"));
        byte[] withOptions = new byte[plain.length + 4];
        System.arraycopy(plain, 0, withOptions, 0, 20);
        System.arraycopy(plain, 20, withOptions, 24, plain.length - 20);
        withOptions[0] = 0x46; // IHL 6: one 4-byte option (NOPs)
        withOptions[20] = 1;
        withOptions[21] = 1;
        withOptions[22] = 1;
        withOptions[23] = 1;
        withOptions[3] = (byte) withOptions.length;
        ReceivedAdvert r = Packets.decode(withOptions);
        assertEquals(24, r.ip().headerLength());
        assertEquals(150, r.advert().priority());
        assertEquals(r.receivedLength(), r.expectedLength());
    }

    @Test
    void nonIpv4VersionIsMalformed() {
        byte[] d = AdvertEncoder.encodeMulticast(AdvertEncoderTest.keepalivedPassAdvert(), Ipv4.parse("10.99.0.1"));
        d[0] = 0x65;
        var m = assertInstanceOf(DecodeResult.Malformed.class, AdvertDecoder.decode(d));
        assertEquals("IPv4 VRRP packet has IP version 6", m.logLine());
    }

    @Test
    void advertRejectsAuthDataOfWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new VrrpAdvert(2, 1, 1, 100, 0, List.of(), 0, new byte[7], 1, 0));
    }

    @Test
    void authDataIsDefensivelyCopied() {
        byte[] pass = AuthType.passwordData("secret12");
        VrrpAdvert a = VrrpAdvert.advertisement(1, 100, 1, AuthType.PASS, pass, List.of());
        pass[0] = 'X';
        a.authData()[1] = 'Y';
        assertTrue(a.authDataEquals(AuthType.passwordData("secret12")));
    }

    @Test
    void noAuthAdvertCarriesZerosWhateverDataIsGiven() {
        VrrpAdvert a = VrrpAdvert.advertisement(1, 100, 1, AuthType.NONE, AuthType.passwordData("secret12"), List.of());
        assertTrue(a.authDataEquals(new byte[8]));
    }

    @Test
    void dottedQuadParsingIsStrict() {
        assertEquals("10.0.0.255", Ipv4.parse("10.0.0.255").getHostAddress());
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("10.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("example.com"));
        assertTrue(Ipv4.compare(Ipv4.parse("192.168.0.1"), Ipv4.parse("10.0.0.1")) > 0, "unsigned comparison");
    }
}
