package dev.vigil.linux.rtnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.linux.Errno;
import dev.vigil.linux.netlink.NetlinkException;
import dev.vigil.linux.netlink.NetlinkSocket;
import dev.vigil.linux.testing.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** VMAC macvlan creation and link up/down, checked with {@code ip -d link}. */
@Tag("netns")
class LinkManagerNetnsTest {
    Netns ns;
    NetlinkSocket route;
    LinkManager links;
    InterfaceLookup lookup;

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
        ns.ip("link", "add", "vA", "type", "veth", "peer", "name", "vB");
        route = ns.routeSocket();
        links = new LinkManager(route);
        lookup = new InterfaceLookup(route);
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close(); // and the socket
    }

    @Test
    void vmacMacvlanCreatedUpAndDeleted() throws Exception {
        int parent = lookup.byName("vA").orElseThrow().index();
        MacAddress vmac = MacAddress.vrrpIpv4(51);
        assertEquals(ChangeResult.APPLIED, links.createMacvlan("vrrp.51", parent, vmac, MacvlanMode.PRIVATE));
        String shown = ns.ip("-d", "link", "show", "vrrp.51");
        assertTrue(shown.contains("vrrp.51@vA:"), shown);
        assertTrue(shown.contains("link/ether 00:00:5e:00:01:33"), shown);
        assertTrue(shown.contains("macvlan mode private"), shown);
        InterfaceInfo info = lookup.byName("vrrp.51").orElseThrow();
        assertEquals("macvlan", info.kind());
        assertEquals(vmac, info.mac());

        assertEquals(ChangeResult.ALREADY_PRESENT,
                links.createMacvlan("vrrp.51", parent, vmac, MacvlanMode.PRIVATE));

        links.setUp(info.index(), true);
        assertTrue(ns.ip("link", "show", "vrrp.51").contains(",UP"));
        links.setUp(info.index(), false);
        assertFalse(ns.ip("link", "show", "vrrp.51").contains(",UP"));

        assertEquals(ChangeResult.APPLIED, links.delete(info.index()));
        assertTrue(lookup.byName("vrrp.51").isEmpty());
        assertEquals(ChangeResult.ALREADY_ABSENT, links.delete(info.index()));
    }

    @Test
    void macvlanOnMissingParentFails() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> links.createMacvlan("vrrp.52", 4242, null, MacvlanMode.BRIDGE));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(e.getMessage().startsWith("cannot create macvlan vrrp.52: ENODEV"), e.getMessage());
    }
}
