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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** virtual_routes-style route changes in a namespace, checked with {@code ip route}. */
@Tag("netns")
class RouteManagerNetnsTest {
    Netns ns;
    NetlinkSocket socket;
    RouteManager routes;
    int vA;

    @BeforeEach
    void setUp() throws Exception {
        ns = Netns.create();
        ns.veth("vA", "vB");
        ns.address("vA", "10.9.0.1/24");
        socket = ns.routeSocket();
        routes = new RouteManager(socket);
        vA = new InterfaceLookup(socket).byName("vA").orElseThrow().index();
    }

    @AfterEach
    void tearDown() throws Exception {
        ns.close(); // and the socket
    }

    @Test
    void gatewayRouteWithMetricAddedAndRemoved() throws Exception {
        Route r = Route.unicast(v4("10.50.0.0"), 16, v4("10.9.0.2"), vA).withMetric(10)
                .withPreferredSource(v4("10.9.0.1"));
        assertEquals(ChangeResult.APPLIED, routes.add(r));
        String shown = ns.ip("route", "show");
        assertTrue(shown.contains("10.50.0.0/16 via 10.9.0.2 dev vA proto keepalived src 10.9.0.1 metric 10"), shown);
        assertTrue(routes.listIpv4(Rtnl.RT_TABLE_MAIN).contains(r.withScope(Rtnl.RT_SCOPE_UNIVERSE)));
        assertEquals(ChangeResult.ALREADY_PRESENT, routes.add(r));
        assertEquals(ChangeResult.APPLIED, routes.delete(r));
        assertFalse(ns.ip("route", "show").contains("10.50.0.0"));
        assertEquals(ChangeResult.ALREADY_ABSENT, routes.delete(r));
    }

    @Test
    void blackholeInOwnTable() throws Exception {
        Route r = Route.reject(RouteType.BLACKHOLE, v4("10.60.0.0"), 16).withTable(300);
        assertEquals(ChangeResult.APPLIED, routes.add(r));
        String shown = ns.ip("route", "show", "table", "300");
        assertTrue(shown.contains("blackhole 10.60.0.0/16 proto keepalived"), shown);
        assertEquals(1, routes.listIpv4(300).size());
        assertEquals(ChangeResult.APPLIED, routes.delete(r));
        assertEquals("", ns.ip("route", "show", "table", "300").trim());
    }

    @Test
    void deviceRouteIsLinkScoped() throws Exception {
        Route r = Route.unicast(v4("10.70.0.0"), 24, null, vA);
        routes.add(r);
        String shown = ns.ip("route", "show", "10.70.0.0/24");
        assertTrue(shown.contains("10.70.0.0/24 dev vA proto keepalived scope link"), shown);
    }

    @Test
    void unreachableGatewayIsRefusedWithErrno() throws Exception {
        Route r = Route.unicast(v4("10.80.0.0"), 16, v4("172.31.0.1"), vA);
        NetlinkException e = assertThrows(NetlinkException.class, () -> routes.add(r));
        assertEquals(Errno.ENETUNREACH, e.errno());
        assertTrue(e.getMessage().startsWith("cannot add route 10.80.0.0/16 via 172.31.0.1"), e.getMessage());
    }
}
