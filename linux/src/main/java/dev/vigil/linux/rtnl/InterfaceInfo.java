package dev.vigil.linux.rtnl;

import java.net.Inet4Address;

/**
 * What the kernel reports about one interface (RTM_NEWLINK), plus its primary IPv4 address (the first
 * non-secondary address, as keepalived picks it), null when it has none or when not looked up.
 *
 * @param mac null for links without a hardware address (e.g. some tunnels)
 * @param kind IFLA_INFO_KIND such as "veth", "macvlan"; null for physical/loopback
 * @param master ifindex of the bridge/bond this link is enslaved to, 0 if none
 */
public record InterfaceInfo(int index, String name, MacAddress mac, int flags, int mtu, OperState operState,
                            String kind, int master, Inet4Address primaryIpv4) {

    /** keepalived's notion of a usable interface: administratively up and running (carrier present). */
    public boolean isUp() {
        return isUp(flags);
    }

    /** IFF_UP and IFF_RUNNING both set. */
    public static boolean isUp(int flags) {
        return (flags & Rtnl.IFF_UP) != 0 && (flags & Rtnl.IFF_RUNNING) != 0;
    }

    public boolean isLoopback() {
        return (flags & Rtnl.IFF_LOOPBACK) != 0;
    }

    public InterfaceInfo withPrimaryIpv4(Inet4Address address) {
        return new InterfaceInfo(index, name, mac, flags, mtu, operState, kind, master, address);
    }
}
