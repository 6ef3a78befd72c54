package dev.vigil.vrrp.codec;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A VRRPv2 message as carried on the wire. Fields hold the raw values (a received message may carry
 * an unknown version, type or auth type); {@code addressCount} is the count byte, which on garbage
 * input can differ from {@code addresses().size()}.
 *
 * @param authData always 8 bytes
 */
public record VrrpAdvert(int version, int type, int vrid, int priority, int addressCount,
                         List<Inet4Address> addresses, int authType, byte[] authData, int adverInt,
                         int checksum) {

    public VrrpAdvert {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(authData, "authData");
        if (authData.length != VrrpWire.AUTH_DATA_LENGTH) {
            throw new IllegalArgumentException("auth data must be 8 bytes, got " + authData.length);
        }
        authData = authData.clone();
    }

    /** A version 2 advertisement ready for {@link AdvertEncoder} (which fills in the checksum). */
    public static VrrpAdvert advertisement(int vrid, int priority, int adverIntSeconds, AuthType auth,
                                           byte[] authData, List<Inet4Address> addresses) {
        byte[] data = auth == AuthType.PASS ? authData : new byte[VrrpWire.AUTH_DATA_LENGTH];
        return new VrrpAdvert(VrrpWire.VERSION_2, VrrpWire.TYPE_ADVERTISEMENT, vrid, priority,
                addresses.size(), addresses, auth.code(), data, adverIntSeconds, 0);
    }

    /** A copy carrying another priority (e.g. 0 when giving up mastership). */
    public VrrpAdvert withPriority(int newPriority) {
        return new VrrpAdvert(version, type, vrid, newPriority, addressCount, addresses, authType,
                authData, adverInt, 0);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** Compares the auth data in constant time, as keepalived does for PASS. */
    public boolean authDataEquals(byte[] expected) {
        return java.security.MessageDigest.isEqual(authData, expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpAdvert a && version == a.version && type == a.type && vrid == a.vrid
                && priority == a.priority && addressCount == a.addressCount
                && addresses.equals(a.addresses) && authType == a.authType
                && Arrays.equals(authData, a.authData) && adverInt == a.adverInt
                && checksum == a.checksum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, type, vrid, priority, addressCount, addresses, authType,
                Arrays.hashCode(authData), adverInt, checksum);
    }

    @Override
    public String toString() {
        return "VrrpAdvert[v" + version + " type " + type + " vrid " + vrid + " prio " + priority
                + " count " + addressCount + " addrs " + addresses + " auth " + authType
                + " intvl " + adverInt + "s csum 0x" + Integer.toHexString(checksum) + "]";
    }
}
