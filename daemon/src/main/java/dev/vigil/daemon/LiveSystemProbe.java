package dev.vigil.daemon;

import dev.vigil.ipvs.netlink.IpvsClient;
import dev.vigil.ipvs.netlink.IpvsUnavailableException;
import dev.vigil.linux.netlink.Netlink;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.InterfaceLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SystemProbe} on the real kernel: an rtnetlink link dump (sysfs and java.net.NetworkInterface can miss
 * interfaces of another namespace or without addresses), and the IPVS client's own family lookup, which loads ip_vs
 * once as keepalived does.
 */
final class LiveSystemProbe implements SystemProbe {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSystemProbe.class);
    private static final Path PROC_IP_VS = Path.of("/proc/net/ip_vs");

    @Override
    public Set<String> interfaceNames() throws IOException {
        try (NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE, 0)) {
            return new InterfaceLookup(route).all().stream().map(InterfaceInfo::name).collect(Collectors.toSet());
        }
    }

    @Override
    public boolean ipvsAvailable() {
        try (IpvsClient ignored = IpvsClient.open(true)) {
            return true;
        } catch (IpvsUnavailableException e) {
            LOG.debug("{}", e.getMessage());
            return Files.exists(PROC_IP_VS);
        } catch (IOException e) {
            // Not a missing module (EPERM, no netlink...): leave the verdict to the checkers, which report it.
            LOG.debug("Cannot probe IPVS: {}", e.toString());
            return true;
        }
    }
}
