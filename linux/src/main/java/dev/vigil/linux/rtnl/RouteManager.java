package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.LibC;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Adds, removes and lists routes (keepalived's virtual_routes) over an rtnetlink request socket. */
public final class RouteManager {
    private final NetlinkSocket route;

    public RouteManager(NetlinkSocket route) {
        this.route = route;
    }

    /** Adds a route; ALREADY_PRESENT when the kernel answered EEXIST. */
    public ChangeResult add(Route r) throws NetlinkException {
        try {
            route.request(RouteCodec.addRequest(r));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return ChangeResult.ALREADY_PRESENT;
            }
            throw new NetlinkException(e.errno(), "cannot add route " + r, e.kernelMessage());
        }
    }

    /** Removes a route; ALREADY_ABSENT when the kernel answered ESRCH (no such route). */
    public ChangeResult delete(Route r) throws NetlinkException {
        try {
            route.request(RouteCodec.deleteRequest(r));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ESRCH) {
                return ChangeResult.ALREADY_ABSENT;
            }
            throw new NetlinkException(e.errno(), "cannot delete route " + r, e.kernelMessage());
        }
    }

    /** IPv4 routes of one table (e.g. 254 main). */
    public List<Route> listIpv4(int table) throws NetlinkException {
        List<Route> out = new ArrayList<>();
        for (ByteBuffer reply : route.request(RouteCodec.dumpRequest(LibC.AF_INET))) {
            Route r = RouteCodec.decode(NetlinkMessage.parse(reply));
            if (r.table() == table) {
                out.add(r);
            }
        }
        return out;
    }
}
