package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;

/** Creates and removes virtual links (VRRP VMAC macvlans) and sets links up or down. */
public final class LinkManager {
    private final NetlinkSocket route;

    public LinkManager(NetlinkSocket route) {
        this.route = route;
    }

    /** Creates macvlan {@code name} on {@code parentIndex}; ALREADY_PRESENT when the name is taken (EEXIST). */
    public ChangeResult createMacvlan(String name, int parentIndex, MacAddress mac, MacvlanMode mode)
            throws NetlinkException {
        try {
            route.request(LinkCodec.createMacvlanRequest(name, parentIndex, mac, mode));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return ChangeResult.ALREADY_PRESENT;
            }
            throw new NetlinkException(e.errno(), "cannot create macvlan " + name, e.kernelMessage());
        }
    }

    /** Deletes a link; ALREADY_ABSENT when there is no such index (ENODEV). */
    public ChangeResult delete(int ifindex) throws NetlinkException {
        try {
            route.request(LinkCodec.deleteRequest(ifindex));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return ChangeResult.ALREADY_ABSENT;
            }
            throw new NetlinkException(e.errno(), "cannot delete link " + ifindex, e.kernelMessage());
        }
    }

    /** Sets IFF_UP on or off. */
    public void setUp(int ifindex, boolean up) throws NetlinkException {
        try {
            route.request(LinkCodec.setUpRequest(ifindex, up));
        } catch (NetlinkException e) {
            throw new NetlinkException(e.errno(), "cannot set link " + ifindex + (up ? " up" : " down"),
                    e.kernelMessage());
        }
    }
}
