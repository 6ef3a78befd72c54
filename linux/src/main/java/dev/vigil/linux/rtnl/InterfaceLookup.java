package dev.vigil.linux.rtnl;

import dev.vigil.linux.Errno;
import dev.vigil.linux.LibC;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.netlink.NetlinkSocket;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interfaces of the socket's network namespace, read with rtnetlink dumps (java.net.NetworkInterface only
 * sees the JVM's own namespace and caches nothing about flags we need).
 */
public final class InterfaceLookup {
    private final NetlinkSocket route;

    public InterfaceLookup(NetlinkSocket route) {
        this.route = route;
    }

    /** Every interface with its primary IPv4 address, in ifindex order. */
    public List<InterfaceInfo> all() throws NetlinkException {
        Map<Integer, Inet4Address> primaries = primaryIpv4ByIndex();
        List<InterfaceInfo> out = new ArrayList<>();
        for (ByteBuffer reply : route.request(LinkCodec.dumpRequest())) {
            InterfaceInfo link = LinkCodec.decode(NetlinkMessage.parse(reply));
            out.add(link.withPrimaryIpv4(primaries.get(link.index())));
        }
        return out;
    }

    /** The interface called {@code name}, empty when there is none. */
    public Optional<InterfaceInfo> byName(String name) throws NetlinkException {
        return get(() -> route.request(LinkCodec.getRequest(name)));
    }

    /** The interface with index {@code ifindex}, empty when there is none. */
    public Optional<InterfaceInfo> byIndex(int ifindex) throws NetlinkException {
        return get(() -> route.request(LinkCodec.getRequest(ifindex)));
    }

    private interface Query {
        List<ByteBuffer> run() throws NetlinkException;
    }

    private Optional<InterfaceInfo> get(Query query) throws NetlinkException {
        List<ByteBuffer> replies;
        try {
            replies = query.run();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
        if (replies.isEmpty()) {
            return Optional.empty();
        }
        InterfaceInfo link = LinkCodec.decode(NetlinkMessage.parse(replies.get(0)));
        return Optional.of(link.withPrimaryIpv4(primaryIpv4ByIndex().get(link.index())));
    }

    /** First non-secondary IPv4 address of each interface. */
    private Map<Integer, Inet4Address> primaryIpv4ByIndex() throws NetlinkException {
        Map<Integer, Inet4Address> out = new HashMap<>();
        for (ByteBuffer reply : route.request(AddressCodec.dumpRequest(LibC.AF_INET))) {
            InterfaceAddress a = AddressCodec.decode(NetlinkMessage.parse(reply));
            if (!a.isSecondary() && a.address() instanceof Inet4Address v4) {
                out.putIfAbsent(a.ifindex(), v4);
            }
        }
        return out;
    }
}
