package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.VrrpWire.*;

import java.net.Inet4Address;
import java.util.List;

/**
 * Writes VRRPv2 advertisements: the VRRP message alone, or the whole IPv4 datagram for a raw socket
 * opened with {@code IP_HDRINCL} (id 0 and frag_off 0 as keepalived sends, the kernel picks the id).
 * The VRRP checksum is always computed here; the one in the {@link VrrpAdvert} is ignored.
 */
public final class AdvertEncoder {
    private AdvertEncoder() {}

    /** The VRRP message: header, addresses, 8 bytes of auth data, checksum over exactly those bytes. */
    public static byte[] encodeMessage(VrrpAdvert advert) {
        byte[] out = new byte[vrrpLength(advert.addresses().size())];
        writeMessage(advert, out, 0);
        return out;
    }

    /** A complete IPv4 datagram: 20-byte header (TOS 0xc0, protocol 112, IP checksum) + message. */
    public static byte[] encodeDatagram(VrrpAdvert advert, Inet4Address source, Inet4Address destination,
                                        int ttl) {
        int messageLength = vrrpLength(advert.addresses().size());
        byte[] out = new byte[IP_HEADER_LENGTH + messageLength];
        writeIpHeader(out, IP_HEADER_LENGTH + messageLength, ttl, Ipv4.toInt(source), Ipv4.toInt(destination));
        writeMessage(advert, out, IP_HEADER_LENGTH);
        return out;
    }

    /** Multicast advert to 224.0.0.18 with TTL 255. */
    public static byte[] encodeMulticast(VrrpAdvert advert, Inet4Address source) {
        return encodeDatagram(advert, source, Ipv4.VRRP_GROUP, TTL);
    }

    private static void writeIpHeader(byte[] out, int totalLength, int ttl, int source, int destination) {
        out[IP_VERSION_IHL] = 0x45;
        out[IP_TOS] = (byte) TOS;
        put16(out, IP_TOTAL_LENGTH, totalLength);
        out[IP_TTL] = (byte) ttl;
        out[IP_PROTOCOL] = (byte) IPPROTO_VRRP;
        put32(out, IP_SOURCE, source);
        put32(out, IP_DESTINATION, destination);
        put16(out, IP_CHECKSUM, InetChecksum.compute(out, 0, IP_HEADER_LENGTH));
    }

    private static void writeMessage(VrrpAdvert advert, byte[] out, int base) {
        List<Inet4Address> addresses = advert.addresses();
        out[base + VRRP_VERSION_TYPE] = (byte) (advert.version() << 4 | (advert.type() & 0x0f));
        out[base + VRRP_VRID] = (byte) advert.vrid();
        out[base + VRRP_PRIORITY] = (byte) advert.priority();
        out[base + VRRP_COUNT] = (byte) addresses.size();
        out[base + VRRP_AUTH_TYPE] = (byte) advert.authType();
        out[base + VRRP_ADVER_INT] = (byte) advert.adverInt();
        int at = base + VRRP_ADDRESSES;
        for (Inet4Address address : addresses) {
            System.arraycopy(address.getAddress(), 0, out, at, 4);
            at += 4;
        }
        System.arraycopy(advert.authData(), 0, out, at, AUTH_DATA_LENGTH);
        int length = vrrpLength(addresses.size());
        put16(out, base + VRRP_CHECKSUM, InetChecksum.compute(out, base, length));
    }
}
