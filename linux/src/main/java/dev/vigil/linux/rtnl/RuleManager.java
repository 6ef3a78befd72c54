package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Adds, removes and lists policy-routing rules (keepalived's virtual_rules) over an rtnetlink request socket. */
public final class RuleManager {
    private final NetlinkSocket route;

    public RuleManager(NetlinkSocket route) {
        this.route = route;
    }

    /** Adds a rule; ALREADY_PRESENT when an identical rule exists (EEXIST). */
    public ChangeResult add(Rule r) throws NetlinkException {
        try {
            route.request(RuleCodec.addRequest(r));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return ChangeResult.ALREADY_PRESENT;
            }
            throw new NetlinkException(e.errno(), "cannot add rule " + r, e.kernelMessage());
        }
    }

    /** Removes a rule; ALREADY_ABSENT when no rule matches (ENOENT). */
    public ChangeResult delete(Rule r) throws NetlinkException {
        try {
            route.request(RuleCodec.deleteRequest(r));
            return ChangeResult.APPLIED;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                return ChangeResult.ALREADY_ABSENT;
            }
            throw new NetlinkException(e.errno(), "cannot delete rule " + r, e.kernelMessage());
        }
    }

    /** Every rule of one family, in priority order. */
    public List<Rule> list(int family) throws NetlinkException {
        List<Rule> out = new ArrayList<>();
        for (ByteBuffer reply : route.request(RuleCodec.dumpRequest(family))) {
            out.add(RuleCodec.decode(NetlinkMessage.parse(reply)));
        }
        return out;
    }
}
