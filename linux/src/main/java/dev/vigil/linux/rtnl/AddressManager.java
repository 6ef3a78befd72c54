package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.LibC;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds, removes and lists interface addresses over an rtnetlink request socket (NETLINK_ROUTE, no groups).
 * The caller owns the socket; the socket's network namespace is the one changed.
 */
public final class AddressManager {
    private final NetlinkSocket route;

    public AddressManager(NetlinkSocket route) {
        this.route = route;
    }

    /**
     * Adds an address ({@code ip addr add}).
     *
     * @return APPLIED, or ALREADY_PRESENT when the kernel answered EEXIST
     * @throws NetlinkException for any other refusal (ENODEV for a vanished interface, EPERM ...)
     */
    public ChangeResult add(InterfaceAddress address) throws NetlinkException {
        try {
            route.request(AddressCodec.addRequest(address));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return ChangeResult.ALREADY_PRESENT;
            }
            throw new NetlinkException(e.errno(), "cannot add address " + address, e.kernelMessage());
        }
    }

    /**
     * Removes an address ({@code ip addr del}).
     *
     * @return APPLIED, or ALREADY_ABSENT when the kernel answered EADDRNOTAVAIL
     */
    public ChangeResult delete(InterfaceAddress address) throws NetlinkException {
        try {
            route.request(AddressCodec.deleteRequest(address));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                return ChangeResult.ALREADY_ABSENT;
            }
            throw new NetlinkException(e.errno(), "cannot delete address " + address, e.kernelMessage());
        }
    }

    /** Every IPv4 and IPv6 address in the namespace, in the kernel's order. */
    public List<InterfaceAddress> list() throws NetlinkException {
        return list(0);
    }

    /** Addresses on one interface (all interfaces when {@code ifindex} is 0). */
    public List<InterfaceAddress> list(int ifindex) throws NetlinkException {
        List<InterfaceAddress> out = new ArrayList<>();
        for (ByteBuffer reply : route.request(AddressCodec.dumpRequest(LibC.AF_UNSPEC))) {
            InterfaceAddress a = AddressCodec.decode(NetlinkMessage.parse(reply));
            if (ifindex == 0 || a.ifindex() == ifindex) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether the interface carries this address with this prefix. */
    public boolean contains(InterfaceAddress address) throws NetlinkException {
        return list(address.ifindex()).stream().anyMatch(address::sameAs);
    }
}
