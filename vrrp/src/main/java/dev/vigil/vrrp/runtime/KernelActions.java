package dev.vigil.vrrp.runtime;

import dev.vigil.linux.ErrnoException;
import dev.vigil.linux.Structs;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.rtnl.AddressCodec;
import dev.vigil.linux.rtnl.AddressManager;
import dev.vigil.linux.rtnl.InterfaceAddress;
import dev.vigil.linux.rtnl.InterfaceInfo;
import dev.vigil.linux.rtnl.RouteManager;
import dev.vigil.linux.socket.PacketSocket;
import dev.vigil.vrrp.codec.GarpFrame;
import dev.vigil.vrrp.config.InstanceConfig;
import dev.vigil.vrrp.config.VipAddress;
import dev.vigil.vrrp.config.VirtualRoute;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the instance actions that touch the kernel besides adverts: VIPs and excluded VIPs
 * ({@link AddressManager}), virtual routes ({@link RouteManager}) and gratuitous ARP ({@link PacketSocket}).
 * Failures are logged, never thrown: a VIP that cannot be added must not stop the protocol.
 */
final class KernelActions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.vrrp");

    private final AddressManager addresses;
    private final RouteManager routes;
    private final PacketSocket arp;
    private final Map<String, InterfaceInfo> interfaces;

    KernelActions(NetlinkSocket route, PacketSocket arp, Map<String, InterfaceInfo> interfaces) {
        this.addresses = new AddressManager(route);
        this.routes = new RouteManager(route);
        this.arp = arp;
        this.interfaces = interfaces;
    }

    void addVips(InstanceConfig ic, List<Inet4Address> vips) {
        for (Inet4Address vip : vips) {
            InterfaceAddress a = kernelAddress(ic, vip);
            if (a == null) {
                continue;
            }
            try {
                addresses.add(a);
            } catch (NetlinkException e) {
                LOG.error("({}) cannot add VIP {}: {}", ic.name(), a, e.getMessage());
            }
        }
        for (VirtualRoute r : ic.routes()) {
            try {
                routes.add(r.route());
            } catch (NetlinkException e) {
                LOG.error("({}) cannot add virtual route {}: {}", ic.name(), r, e.getMessage());
            }
        }
    }

    void removeVips(InstanceConfig ic, List<Inet4Address> vips) {
        for (VirtualRoute r : ic.routes()) {
            try {
                routes.delete(r.route());
            } catch (NetlinkException e) {
                LOG.debug("({}) virtual route {} not removed: {}", ic.name(), r, e.getMessage());
            }
        }
        for (Inet4Address vip : vips) {
            InterfaceAddress a = kernelAddress(ic, vip);
            if (a == null) {
                continue;
            }
            try {
                addresses.delete(a);
            } catch (NetlinkException e) {
                LOG.error("({}) cannot remove VIP {}: {}", ic.name(), a, e.getMessage());
            }
        }
    }

    void garp(InstanceConfig ic, List<Inet4Address> vips, int repeat) {
        for (Inet4Address vip : vips) {
            VipAddress v = ic.address(vip).orElse(null);
            InterfaceInfo dev = interfaces.get(v == null ? ic.spec().interfaceName() : v.device());
            if (dev == null || dev.mac() == null) {
                continue;
            }
            byte[] frame = GarpFrame.build(dev.mac().bytes(), vip);
            for (int i = 0; i < repeat; i++) {
                LOG.debug("Sending gratuitous ARP on {} for {}", dev.name(), vip.getHostAddress());
                try {
                    arp.send(ByteBuffer.wrap(frame), dev.index());
                } catch (ErrnoException e) {
                    LOG.warn("({}) gratuitous ARP for {} on {} failed: {}", ic.name(), vip.getHostAddress(),
                            dev.name(), e.getMessage());
                    break;
                }
            }
        }
    }

    /** Builds (without sending) the requests and frames a takeover sends, so their code is compiled. */
    void warmUp(InstanceConfig ic) {
        for (Inet4Address vip : ic.spec().vips()) {
            InterfaceAddress a = kernelAddress(ic, vip);
            if (a != null) {
                AddressCodec.addRequest(a);
            }
            InterfaceInfo link = interfaces.get(ic.spec().interfaceName());
            if (link != null && link.mac() != null) {
                GarpFrame.build(link.mac().bytes(), vip);
                Structs.sockaddrLl(PacketSocket.ETH_P_ARP, link.index(), link.mac().bytes());
            }
        }
    }

    private InterfaceAddress kernelAddress(InstanceConfig ic, Inet4Address vip) {
        VipAddress v = ic.address(vip).orElse(null);
        String device = v == null ? ic.spec().interfaceName() : v.device();
        InterfaceInfo dev = interfaces.get(device);
        if (dev == null) {
            LOG.error("({}) VIP {}: interface {} not found", ic.name(), vip.getHostAddress(), device);
            return null;
        }
        if (v == null) {
            return InterfaceAddress.of(dev.index(), vip, 32);
        }
        return new InterfaceAddress(dev.index(), vip, v.prefixLength(), v.broadcast(), v.label(), v.scope(), 0);
    }

    @Override
    public void close() {
        arp.close();
    }
}
