package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Conversions between {@link Inet4Address} and the big-endian int form used on the wire. */
public final class Ipv4 {
    private Ipv4() {}

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return VrrpWire.u32(b, 0);
    }

    public static Inet4Address fromInt(int value) {
        byte[] b = new byte[4];
        VrrpWire.put32(b, 0, value);
        return fromBytes(b);
    }

    static Inet4Address fromBytes(byte[] fourBytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(fourBytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("4-byte address rejected", e);
        }
    }

    /** Parses a dotted quad literal (never resolves names). */
    public static Inet4Address parse(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dottedQuad);
            }
            b[i] = (byte) v;
        }
        return fromBytes(b);
    }

    public static boolean isMulticast(Inet4Address address) {
        return (toInt(address) >>> 28) == 0xE;
    }

    /** Unsigned comparison, as keepalived compares primary addresses for the equal-priority tie-break. */
    public static int compare(Inet4Address a, Inet4Address b) {
        return Integer.compareUnsigned(toInt(a), toInt(b));
    }

    public static final Inet4Address VRRP_GROUP = fromInt(VrrpWire.MULTICAST_GROUP);
}
