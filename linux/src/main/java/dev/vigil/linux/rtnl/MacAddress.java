package dev.vigil.linux.rtnl;

import java.util.Arrays;
import java.util.HexFormat;

/** A link-layer address (6 bytes for Ethernet), printed as {@code 52:54:00:12:34:56}. */
public final class MacAddress {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");
    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MacAddress of(byte[] bytes) {
        return new MacAddress(bytes.clone());
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff}. */
    public static MacAddress parse(String text) {
        try {
            return new MacAddress(COLONS.parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MAC address: \"" + text + "\"", e);
        }
    }

    /** The VRRP virtual MAC 00:00:5e:00:01:VRID (RFC 3768 §7.3). */
    public static MacAddress vrrpIpv4(int vrid) {
        return new MacAddress(new byte[] {0, 0, 0x5e, 0, 1, (byte) vrid});
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return COLONS.formatHex(bytes);
    }
}
