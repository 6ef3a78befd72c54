package dev.vigil.daemon.lvs;

import dev.vigil.healthchecker.HaSuspend.HostAddress;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.AddressEvent;
import dev.vigil.linux.rtnl.AddressManager;
import dev.vigil.linux.rtnl.LinkMonitor;
import dev.vigil.linux.rtnl.RtnlEvent;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HostAddressWatch} over rtnetlink: linux's {@link LinkMonitor} (IPv4 address group) for the changes, an
 * address dump on a separate request socket for the full list. Subscribing before dumping means no change between
 * the two is missed (a change seen twice is harmless: the tracker keeps a set).
 */
final class KernelAddressWatch implements HostAddressWatch {
    private static final Logger LOG = LoggerFactory.getLogger(KernelAddressWatch.class);

    private LinkMonitor monitor;
    private NetlinkSocket route;

    @Override
    public void start(Listener listener) throws IOException {
        try {
            monitor = LinkMonitor.open(true);
            route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0);
            listener.all(dump());
            monitor.start(event -> deliver(event, listener));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void deliver(RtnlEvent event, Listener listener) {
        if (event instanceof AddressEvent a) {
            listener.changed(new HostAddress(a.address().ifindex(), a.address().address()), a.removed());
        } else if (event instanceof RtnlEvent.Overrun) {
            try {
                listener.all(dump());
            } catch (NetlinkException e) {
                LOG.error("ha_suspend: cannot re-read the host's addresses: {}", e.getMessage());
            }
        }
    }

    private List<HostAddress> dump() throws NetlinkException {
        return new AddressManager(route).list().stream()
                .map(a -> new HostAddress(a.ifindex(), a.address())).toList();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (route != null) {
            route.close();
        }
    }
}
