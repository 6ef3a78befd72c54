package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds received datagrams for tests: a well-formed advert, optionally mangled byte by byte
 * (with or without re-fixing the VRRP checksum), then decoded as the socket layer would.
 */
public final class Packets {
    private Packets() {}

    public static final int VRRP = VrrpWire.IP_HEADER_LENGTH;

    public static VrrpAdvert advert(int vrid, int priority, int adverInt, String pass, List<Inet4Address> vips) {
        return pass == null
                ? VrrpAdvert.advertisement(vrid, priority, adverInt, AuthType.NONE, new byte[8], vips)
                : VrrpAdvert.advertisement(vrid, priority, adverInt, AuthType.PASS, AuthType.passwordData(pass), vips);
    }

    public static ReceivedAdvert received(VrrpAdvert advert, Inet4Address src) {
        return received(advert, src, Ipv4.VRRP_GROUP, 255);
    }

    public static ReceivedAdvert received(VrrpAdvert advert, Inet4Address src, Inet4Address dst, int ttl) {
        return decode(AdvertEncoder.encodeDatagram(advert, src, dst, ttl));
    }

    /** Encodes, applies {@code mangle} to the datagram bytes, then recomputes the VRRP checksum. */
    public static ReceivedAdvert mangled(VrrpAdvert advert, Inet4Address src, Consumer<byte[]> mangle) {
        byte[] d = AdvertEncoder.encodeMulticast(advert, src);
        mangle.accept(d);
        fixVrrpChecksum(d, VrrpWire.vrrpLength(advert.addresses().size()));
        return decode(d);
    }

    /** Encodes and applies {@code mangle} without fixing anything. */
    public static ReceivedAdvert raw(VrrpAdvert advert, Inet4Address src, Consumer<byte[]> mangle) {
        byte[] d = AdvertEncoder.encodeMulticast(advert, src);
        mangle.accept(d);
        return decode(d);
    }

    public static void fixVrrpChecksum(byte[] d, int vrrpLength) {
        int len = Math.min(vrrpLength, d.length - VRRP);
        d[VRRP + VrrpWire.VRRP_CHECKSUM] = 0;
        d[VRRP + VrrpWire.VRRP_CHECKSUM + 1] = 0;
        int c = InetChecksum.compute(d, VRRP, len);
        d[VRRP + VrrpWire.VRRP_CHECKSUM] = (byte) (c >>> 8);
        d[VRRP + VrrpWire.VRRP_CHECKSUM + 1] = (byte) c;
    }

    public static ReceivedAdvert decode(byte[] d) {
        DecodeResult r = AdvertDecoder.decode(d);
        if (r instanceof DecodeResult.Decoded ok) {
            return ok.packet();
        }
        throw new AssertionError("test packet did not decode: " + r);
    }
}
