package dev.vigil.linux.rtnl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An address on an interface: what {@code ip addr add ADDR/PLEN [brd B] [scope S] [label L] dev IF} sets,
 * and what an RTM_NEWADDR reports.
 *
 * @param broadcast IPv4 only; null for none
 * @param label IPv4 only, {@code <ifname>} or {@code <ifname>:<suffix>}, at most 15 bytes; null for none
 * @param scope RT_SCOPE_* (0 universe, 253 link, 254 host)
 * @param flags IFA_F_* as reported (IFA_F_SECONDARY ...); when adding, e.g. IFA_F_NODAD for IPv6 VIPs
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLength, Inet4Address broadcast,
                               String label, int scope, int flags) {

    public InterfaceAddress {
        int max = address instanceof Inet6Address ? 128 : 32;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
        if (label != null && label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= Rtnl.IFNAMSIZ) {
            throw new IllegalArgumentException("address label \"" + label + "\" longer than 15 bytes");
        }
        if (address instanceof Inet6Address && (broadcast != null || label != null)) {
            throw new IllegalArgumentException("broadcast and label apply to IPv4 addresses only");
        }
    }

    /** A plain address, scope universe, no broadcast or label. */
    public static InterfaceAddress of(int ifindex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(ifindex, address, prefixLength, null, null, Rtnl.RT_SCOPE_UNIVERSE, 0);
    }

    public InterfaceAddress withBroadcast(Inet4Address brd) {
        return new InterfaceAddress(ifindex, address, prefixLength, brd, label, scope, flags);
    }

    public InterfaceAddress withLabel(String newLabel) {
        return new InterfaceAddress(ifindex, address, prefixLength, broadcast, newLabel, scope, flags);
    }

    public InterfaceAddress withScope(int newScope) {
        return new InterfaceAddress(ifindex, address, prefixLength, broadcast, label, newScope, flags);
    }

    public InterfaceAddress withFlags(int newFlags) {
        return new InterfaceAddress(ifindex, address, prefixLength, broadcast, label, scope, newFlags);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isSecondary() {
        return (flags & Rtnl.IFA_F_SECONDARY) != 0;
    }

    /** Same address and prefix on the same interface (what the kernel uses to identify it). */
    public boolean sameAs(InterfaceAddress other) {
        return ifindex == other.ifindex && address.equals(other.address) && prefixLength == other.prefixLength;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + (broadcast != null ? " brd " + broadcast.getHostAddress() : "")
                + " scope " + scope + (label != null ? " label " + label : "") + " ifindex " + ifindex;
    }
}
