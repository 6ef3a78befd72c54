package dev.vigil.vrrp.codec;

import static dev.vigil.vrrp.codec.VrrpWire.*;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses an IPv4 datagram read from a raw VRRP socket. Never throws on garbage: anything shorter
 * than an IP header plus a VRRP header is {@link DecodeResult.Malformed}; everything else is decoded
 * as far as the bytes go and left to {@code AdvertValidator} to judge (length, checksum, ...).
 */
public final class AdvertDecoder {
    private AdvertDecoder() {}

    public static DecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    public static DecodeResult decode(byte[] buf, int offset, int length) {
        if (length < IP_HEADER_LENGTH || offset < 0 || offset + length > buf.length) {
            return tooShort(length, false);
        }
        byte[] d = offset == 0 ? buf : Arrays.copyOfRange(buf, offset, offset + length);
        int ihl = (u8(d, IP_VERSION_IHL) & 0x0f) << 2;
        if (ihl < IP_HEADER_LENGTH || length < ihl + VRRP_HEADER_LENGTH) {
            return tooShort(length, false);
        }
        if ((u8(d, IP_VERSION_IHL) >>> 4) != 4) {
            return new DecodeResult.Malformed("IPv4 VRRP packet has IP version " + (u8(d, IP_VERSION_IHL) >>> 4));
        }
        int protocol = u8(d, IP_PROTOCOL);
        boolean ah = protocol == IPPROTO_AH;
        int base = ihl + (ah ? AH_HEADER_LENGTH : 0);
        if (length < base + VRRP_HEADER_LENGTH) {
            return tooShort(length, true);
        }
        Ipv4Header ip = new Ipv4Header(ihl, u8(d, IP_TOS), u16(d, IP_TOTAL_LENGTH), u8(d, IP_TTL), protocol,
                Ipv4.fromInt(u32(d, IP_SOURCE)), Ipv4.fromInt(u32(d, IP_DESTINATION)));

        int count = u8(d, base + VRRP_COUNT);
        int available = Math.max(0, (length - base - VRRP_ADDRESSES) / 4);
        List<Inet4Address> addresses = new ArrayList<>(Math.min(count, available));
        for (int i = 0; i < Math.min(count, available); i++) {
            addresses.add(Ipv4.fromInt(u32(d, base + VRRP_ADDRESSES + 4 * i)));
        }
        byte[] auth = new byte[AUTH_DATA_LENGTH];
        int authAt = base + VRRP_ADDRESSES + 4 * count;
        if (authAt < length) {
            System.arraycopy(d, authAt, auth, 0, Math.min(AUTH_DATA_LENGTH, length - authAt));
        }
        int messageLength = vrrpLength(count);
        boolean checksumOk = base + messageLength <= length
                && InetChecksum.compute(d, base, messageLength) == 0;

        int versionType = u8(d, base + VRRP_VERSION_TYPE);
        VrrpAdvert advert = new VrrpAdvert(versionType >>> 4, versionType & 0x0f, u8(d, base + VRRP_VRID),
                u8(d, base + VRRP_PRIORITY), count, addresses, u8(d, base + VRRP_AUTH_TYPE), auth,
                u8(d, base + VRRP_ADVER_INT), u16(d, base + VRRP_CHECKSUM));
        return new DecodeResult.Decoded(new ReceivedAdvert(ip, advert, length, ah, checksumOk));
    }

    private static DecodeResult tooShort(int length, boolean ah) {
        return new DecodeResult.Malformed("IPv4 VRRP packet" + (ah ? " with AH" : "") + " too short - "
                + length + " bytes");
    }
}
