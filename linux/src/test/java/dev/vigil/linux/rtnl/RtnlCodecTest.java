package dev.vigil.linux.rtnl;

import static dev.vigil.linux.testing.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.netlink.NetlinkMessage;
import dev.vigil.linux.testing.Hex;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rtnetlink requests byte for byte, and decoding of hand-written kernel messages. */
class RtnlCodecTest {
    static final String NEWLINK_ETH0 = """
            58000000 1000 0000 00000000 00000000
            00 00 0100 05000000 43100100 00000000
            0900 0300 6574683000 000000
            0800 0400 dc050000
            0500 1000 06 000000
            0a00 0100 525400123456 0000
            1000 1280 | 0900 0100 7665746800 000000""";

    static final String NEWADDR_SECONDARY = """
            44000000 1400 0000 00000000 00000000
            02 18 80 00 05000000
            0800 0100 0a010203
            0800 0200 0a010203
            0800 0400 0a0102ff
            0b00 0300 657468303a3100 00
            0800 0800 81000000""";

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "hex fixtures are little-endian");
    }

    @Test
    void vipAddRequestMatchesKeepalivedLayout() throws Exception {
        var vip = InterfaceAddress.of(3, v4("10.1.2.3"), 24).withBroadcast(v4("10.1.2.255")).withLabel("vA:1");
        assertEquals(Hex.of(Hex.buffer("""
                3c000000 1400 0506 00000000 00000000
                02 18 00 00 03000000
                0800 0200 0a010203
                0800 0100 0a010203
                0800 0400 0a0102ff
                0900 0300 76413a3100 000000""")), Hex.of(AddressCodec.addRequest(vip)));
        assertEquals("3c00000015000500", Hex.of(AddressCodec.deleteRequest(vip)).substring(0, 16));
    }

    @Test
    void decodesSecondaryAddressWithLabelAndFullFlags() throws Exception {
        InterfaceAddress a = AddressCodec.decode(NetlinkMessage.parse(Hex.buffer(NEWADDR_SECONDARY)));
        assertEquals(5, a.ifindex());
        assertEquals(v4("10.1.2.3"), a.address());
        assertEquals(24, a.prefixLength());
        assertEquals(v4("10.1.2.255"), a.broadcast());
        assertEquals("eth0:1", a.label());
        assertTrue(a.isSecondary());
        assertEquals(0x81, a.flags());
    }

    @Test
    void decodesLinkWithFlagsOperstateMacAndKind() {
        InterfaceInfo link = LinkCodec.decode(NetlinkMessage.parse(Hex.buffer(NEWLINK_ETH0)));
        assertEquals(5, link.index());
        assertEquals("eth0", link.name());
        assertEquals("52:54:00:12:34:56", link.mac().toString());
        assertEquals(1500, link.mtu());
        assertEquals(OperState.UP, link.operState());
        assertEquals("veth", link.kind());
        assertTrue(link.isUp());
        assertNull(link.primaryIpv4());
    }

    @Test
    void eventDecoderMapsLinkAndAddressMessages() {
        String dellink = NEWLINK_ETH0.replaceFirst("1000 0000", "1100 0000");
        List<RtnlEvent> events = RtnlEventDecoder.decode(Hex.buffer(NEWLINK_ETH0 + dellink + NEWADDR_SECONDARY));
        assertEquals(3, events.size());
        LinkEvent up = assertInstanceOf(LinkEvent.class, events.get(0));
        assertEquals(new LinkEvent(5, "eth0", true, OperState.UP, 0x11043, false), up);
        LinkEvent gone = assertInstanceOf(LinkEvent.class, events.get(1));
        assertTrue(gone.deleted());
        assertFalse(gone.up());
        AddressEvent added = assertInstanceOf(AddressEvent.class, events.get(2));
        assertFalse(added.removed());
        assertEquals("eth0:1", added.address().label());
    }

    @Test
    void linkUpNeedsRunningToo() {
        String adminUpNoCarrier = NEWLINK_ETH0.replace("43100100", "03100000");
        InterfaceInfo link = LinkCodec.decode(NetlinkMessage.parse(Hex.buffer(adminUpNoCarrier)));
        assertFalse(link.isUp());
    }

    @Test
    void vmacMacvlanRequestNestsKindAndMode() {
        assertEquals(Hex.of(Hex.buffer("""
                5c000000 1000 0506 00000000 00000000
                00 00 0000 00000000 00000000 00000000
                0c00 0300 767272702e353100
                0800 0500 03000000
                0a00 0100 00005e000133 0000
                1c00 1280 | 0c00 0100 6d6163766c616e00 | 0c00 0280 | 0800 0100 01000000""")),
                Hex.of(LinkCodec.createMacvlanRequest("vrrp.51", 3, MacAddress.vrrpIpv4(51), MacvlanMode.PRIVATE)));
        assertEquals(Hex.of(Hex.buffer("""
                20000000 1000 0500 00000000 00000000
                00 00 0000 07000000 01000000 01000000""")), Hex.of(LinkCodec.setUpRequest(7, true)));
    }

    @Test
    void ruleRequestCarriesSelectorPriorityTableAndProtocol() throws Exception {
        Rule r = Rule.lookup(100).withFrom(v4("10.9.0.0"), 24).withPriority(1000);
        assertEquals(Hex.of(Hex.buffer("""
                3c000000 2000 0506 00000000 00000000
                02 00 18 00 64 00 00 01 00000000
                0800 0200 0a090000
                0800 0600 e8030000
                0800 0f00 64000000
                0500 1500 12 000000""")), Hex.of(RuleCodec.addRequest(r)));
        var back = RuleCodec.decode(NetlinkMessage.parse(RuleCodec.addRequest(r)));
        assertEquals(r, back);
    }

    @Test
    void unicastRouteRequest() throws Exception {
        Route r = Route.unicast(v4("10.50.0.0"), 16, v4("10.9.0.2"), 3).withMetric(10);
        assertEquals(Hex.of(Hex.buffer("""
                44000000 1800 0506 00000000 00000000
                02 10 00 00 fe 12 00 01 00000000
                0800 0f00 fe000000
                0800 0100 0a320000
                0800 0500 0a090002
                0800 0400 03000000
                0800 0600 0a000000""")), Hex.of(RouteCodec.addRequest(r)));
    }

    @Test
    void deviceRouteWithoutGatewayDefaultsToLinkScope() throws Exception {
        Route r = Route.unicast(v4("10.70.0.0"), 24, null, 3);
        assertEquals(Rtnl.RT_SCOPE_LINK, r.effectiveScope());
        assertEquals("fd", Hex.of(RouteCodec.addRequest(r)).substring(2 * (16 + 6), 2 * (16 + 7)));
    }

    @Test
    void blackholeDeleteInBigTableMatchesAnyScopeAndProtocol() throws Exception {
        Route r = Route.reject(RouteType.BLACKHOLE, v4("10.60.0.0"), 16).withTable(300);
        assertEquals(Hex.of(Hex.buffer("""
                2c000000 1900 0500 00000000 00000000
                02 10 00 00 fc 00 ff 06 00000000
                0800 0f00 2c010000
                0800 0100 0a3c0000""")), Hex.of(RouteCodec.deleteRequest(r)));
    }

    @Test
    void routeRoundTripsThroughDecoder() throws Exception {
        Route r = Route.unicast(v4("10.50.0.0"), 16, v4("10.9.0.2"), 3).withMetric(10).withTable(300)
                .withPreferredSource(v4("10.9.0.1"));
        var m = NetlinkMessage.parse(RouteCodec.addRequest(r));
        Route back = RouteCodec.decode(NetlinkMessage.parse(patchType(m, Rtnl.RTM_NEWROUTE)));
        assertEquals(r.withScope(Rtnl.RT_SCOPE_UNIVERSE), back);
    }

    private static java.nio.ByteBuffer patchType(NetlinkMessage m, int type) {
        var raw = java.nio.ByteBuffer.allocate(m.length()).order(ByteOrder.nativeOrder()).put(m.raw()).flip();
        return raw.putShort(4, (short) type);
    }

    @Test
    void invalidInputsAreRejectedWithReasons() throws Exception {
        assertEquals("address label \"averyveryverylong\" longer than 15 bytes",
                assertThrows(IllegalArgumentException.class,
                        () -> InterfaceAddress.of(1, v4("10.0.0.1"), 32).withLabel("averyveryverylong")).getMessage());
        assertEquals("prefix length 33 out of range for /10.0.0.1",
                assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of(1, v4("10.0.0.1"), 33))
                        .getMessage());
        assertEquals("blackhole route takes no gateway or device",
                assertThrows(IllegalArgumentException.class, () -> new Route(RouteType.BLACKHOLE, v4("10.0.0.0"), 8,
                        v4("10.0.0.1"), 0, null, -1, 254, -1, 18)).getMessage());
        assertEquals("not a link message: type 20", assertThrows(IllegalArgumentException.class,
                () -> LinkCodec.decode(NetlinkMessage.parse(Hex.buffer(NEWADDR_SECONDARY)))).getMessage());
        assertEquals("address message has 4 bytes, shorter than ifaddrmsg", assertThrows(
                IllegalArgumentException.class, () -> AddressCodec.decode(NetlinkMessage.parse(
                        Hex.buffer("14000000 1400 0000 00000000 00000000 02180000")))).getMessage());
        assertEquals("not a MAC address: \"zz\"",
                assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("zz")).getMessage());
        assertEquals("00:00:5e:00:01:33", MacAddress.vrrpIpv4(51).toString());
    }
}
