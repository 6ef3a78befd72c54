package dev.vigil.linux.rtnl;

import static dev.vigil.linux.testing.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.testing.Netns;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** VIP add/remove and interface lookup in a namespace, checked with iproute2. */
@Tag("netns")
class AddressManagerNetnsTest {
    Netns ns;
    NetlinkSocket route;
    AddressManager addresses;
    InterfaceLookup lookup;
    int vA;

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
        ns.veth("vA", "vB");
        ns.address("vA", "10.9.0.1/24");
        route = ns.routeSocket();
        addresses = new AddressManager(route);
        lookup = new InterfaceLookup(route);
        vA = lookup.byName("vA").orElseThrow().index();
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close(); // and the socket
    }

    @Test
    void addsAndRemovesVipWithLabelAndBroadcast() throws Exception {
        var vip = InterfaceAddress.of(vA, v4("10.1.2.3"), 24).withBroadcast(v4("10.1.2.255")).withLabel("vA:vip");
        assertEquals(ChangeResult.APPLIED, addresses.add(vip));
        String shown = ns.ip("-4", "addr", "show", "dev", "vA");
        assertTrue(shown.contains("inet 10.1.2.3/24 brd 10.1.2.255 scope global vA:vip"), shown);
        assertTrue(addresses.contains(vip));
        InterfaceAddress listed = addresses.list(vA).stream().filter(vip::sameAs).findFirst().orElseThrow();
        assertEquals("vA:vip", listed.label());
        assertEquals(v4("10.1.2.255"), listed.broadcast());

        assertEquals(ChangeResult.ALREADY_PRESENT, addresses.add(vip), "EEXIST reported as already present");

        assertEquals(ChangeResult.APPLIED, addresses.delete(vip));
        assertFalse(ns.ip("-4", "addr", "show", "dev", "vA").contains("10.1.2.3"));
        assertEquals(ChangeResult.ALREADY_ABSENT, addresses.delete(vip), "EADDRNOTAVAIL reported as already absent");
    }

    @Test
    void hostScopeSlash32Vip() throws Exception {
        var vip = InterfaceAddress.of(vA, v4("192.168.200.17"), 32).withScope(Rtnl.RT_SCOPE_HOST);
        assertEquals(ChangeResult.APPLIED, addresses.add(vip));
        String shown = ns.ip("-4", "addr", "show", "dev", "vA");
        assertTrue(shown.contains("inet 192.168.200.17/32 scope host vA"), shown);
    }

    @Test
    void ipv6VipWithoutDadAndPrefixRoute() throws Exception {
        var vip = InterfaceAddress.of(vA, InetAddress.getByName("fd00:1::17"), 64)
                .withFlags(Rtnl.IFA_F_NODAD | Rtnl.IFA_F_NOPREFIXROUTE);
        assertEquals(ChangeResult.APPLIED, addresses.add(vip));
        String shown = ns.ip("-6", "addr", "show", "dev", "vA");
        assertTrue(shown.contains("inet6 fd00:1::17/64 scope global nodad noprefixroute"), shown);
        InterfaceAddress listed = addresses.list(vA).stream().filter(vip::sameAs).findFirst().orElseThrow();
        assertEquals(Rtnl.IFA_F_NODAD | Rtnl.IFA_F_NOPREFIXROUTE,
                listed.flags() & (Rtnl.IFA_F_NODAD | Rtnl.IFA_F_NOPREFIXROUTE));
        assertEquals(ChangeResult.APPLIED, addresses.delete(vip));
    }

    @Test
    void dumpSpanningManyDatagramsIsCollectedWhole() throws Exception {
        int n = 600;
        for (int i = 0; i < n; i++) {
            addresses.add(InterfaceAddress.of(vA, InetAddress.getByAddress(new byte[] {10, 20, (byte) (i >> 8),
                    (byte) i}), 32));
        }
        var all = addresses.list(vA);
        assertEquals(n + 1, all.stream().filter(InterfaceAddress::isIpv4).count(), "600 added + 10.9.0.1");
        assertEquals(n + 1, all.stream().filter(InterfaceAddress::isIpv4).map(InterfaceAddress::address).distinct()
                .count());
    }

    @Test
    void addOnMissingInterfaceIsEnodevWithContext() throws Exception {
        var vip = InterfaceAddress.of(9999, v4("10.1.2.3"), 24);
        NetlinkException e = assertThrows(NetlinkException.class, () -> addresses.add(vip));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(e.getMessage().startsWith("cannot add address 10.1.2.3/24 scope 0 ifindex 9999: ENODEV"),
                e.getMessage());
    }

    @Test
    void lookupMatchesIproute() throws Exception {
        InterfaceInfo info = lookup.byName("vA").orElseThrow();
        String link = ns.ip("-o", "link", "show", "vA");
        assertTrue(link.startsWith(info.index() + ": vA@vB:"), link);
        assertTrue(link.contains("link/ether " + info.mac()), link);
        assertEquals(v4("10.9.0.1"), info.primaryIpv4());
        assertEquals("veth", info.kind());
        assertTrue(info.isUp(), "both ends up: carrier present");
        assertEquals(OperState.UP, info.operState());
        assertEquals(Optional.of(info), lookup.byIndex(info.index()));
        assertEquals(Optional.empty(), lookup.byName("nosuch0"));
        assertEquals(Optional.empty(), lookup.byIndex(4242));
        assertEquals(3, lookup.all().size(), "lo, vA, vB");
        assertTrue(lookup.all().get(0).isLoopback());
    }

    @Test
    void secondaryAddressIsNotPrimary() throws Exception {
        addresses.add(InterfaceAddress.of(vA, v4("10.9.0.50"), 24));
        assertEquals(v4("10.9.0.1"), lookup.byName("vA").orElseThrow().primaryIpv4());
        InetAddress secondary = v4("10.9.0.50");
        assertTrue(addresses.list(vA).stream().anyMatch(a -> a.isSecondary() && a.address().equals(secondary)));
    }
}
