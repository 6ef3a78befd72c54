package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.testing.Hex;
import java.nio.ByteOrder;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parsing hand-written kernel replies: dumps, ACKs, errors with extended ACK, and malformed input. */
class NetlinkMessageTest {
    /** A genetlink CTRL_CMD_NEWFAMILY reply for "nlctrl" (id 0x10) with one multicast group "notify" = 16. */
    static final String NEWFAMILY_NLCTRL = """
            4c000000 1000 0000 07000000 99000000
            01 02 0000
            0b00 0200 6e6c6374726c00 00
            0600 0100 1000 0000
            0800 0300 02000000
            1c00 0780 | 1800 0100 | 0800 0200 10000000 | 0b00 0100 6e6f7469667900 00
            """;

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "hex fixtures are little-endian");
    }

    @Test
    void parsesGenlReplyAttributesAndNestedArray() {
        var m = NetlinkMessage.parse(Hex.buffer(NEWFAMILY_NLCTRL));
        assertEquals(0x10, m.type());
        assertEquals(7, m.seq());
        assertEquals(0x99, m.pid());
        assertEquals(0x4c, m.length());
        NlAttributes a = m.attributes(GenericNetlink.GENL_HDRLEN);
        assertEquals(List.of(2, 1, 3, 7), a.types());
        assertEquals("nlctrl", a.string(2));
        assertEquals(0x10, a.u16(1));
        assertEquals(2, a.u32(3));
        List<NlAttributes> groups = a.nestedList(7);
        assertEquals(1, groups.size());
        assertEquals("notify", groups.get(0).string(1));
        assertEquals(16, groups.get(0).u32(2));
        assertEquals(List.of(), a.nestedList(99));
    }

    @Test
    void splitsDumpDatagramAndReadsDoneStatus() {
        var msgs = NetlinkMessage.parseAll(Hex.buffer("""
                14000000 1400 0200 05000000 01000000 | 02 18 00 00
                14000000 1400 0200 05000000 01000000 | 02 20 00 00
                14000000 0300 0200 05000000 01000000 | 00000000"""));
        assertEquals(3, msgs.size());
        assertEquals(0x18, msgs.get(0).payload().get(1));
        assertEquals(0x20, msgs.get(1).payload().get(1));
        assertTrue(msgs.get(2).isDone());
        assertEquals(0, msgs.get(2).errorCode());
        assertEquals(Netlink.NLM_F_MULTI, msgs.get(0).flags());
    }

    @Test
    void readsErrorCodeAndExtendedAckText() {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS, error -17 (EEXIST), capped original header, then NLMSGERR_ATTR_MSG.
        var m = NetlinkMessage.parse(Hex.buffer("""
                38000000 0200 0003 09000000 77000000
                efffffff
                2c000000 1400 0506 09000000 77000000
                1300 0100 4164647265737320657869737473 00 00"""));
        assertTrue(m.isError());
        assertEquals(-17, m.errorCode());
        assertEquals("Address exists", m.extAckMessage());
    }

    @Test
    void ackHasZeroErrorAndNoText() {
        var m = NetlinkMessage.parse(Hex.buffer("""
                24000000 0200 0001 09000000 77000000 | 00000000 | 2c000000 1400 0506 09000000 77000000"""));
        assertEquals(0, m.errorCode());
        assertNull(m.extAckMessage());
        assertFalse(m.isDone());
    }

    @Test
    void scalarGettersHonourWidthAndByteOrder() {
        NlAttributes a = NlAttributes.parse(Hex.buffer("""
                0500 0100 fe 000000
                0600 0200 1f90 0000
                0800 0300 feffffff
                0c00 0400 0100000000000080
                0700 0500 414243
                00
                0400 0680
                0800 0740 c0a80001"""));
        assertEquals(0xfe, a.u8(1));
        assertEquals(0x901f, a.u16(2));
        assertEquals(8080, a.u16Be(2));
        assertEquals(-2, a.u32(3));
        assertEquals(0x8000000000000001L, a.u64(4));
        assertEquals("ABC", a.string(5));
        assertArrayEquals(new byte[] {0x41, 0x42, 0x43}, a.bytes(5));
        assertTrue(a.has(6), "NLA_F_NESTED is masked off the type");
        assertEquals(0, a.nested(6).size());
        assertEquals(0xc0a80001, a.u32Be(7), "NLA_F_NET_BYTEORDER is masked off the type");
    }

    @Test
    void repeatedAttributesAreAllKept() {
        NlAttributes a = NlAttributes.parse(Hex.buffer("""
                0c00 0200 | 0800 0100 01000000
                0c00 0200 | 0800 0100 02000000"""));
        assertEquals(1, a.nested(2).u32(1), "single getter returns the first");
        assertEquals(2, a.nestedAll(2).size());
        assertEquals(2, a.nestedAll(2).get(1).u32(1));
        assertEquals(2, a.all(2).size());
    }

    @Test
    void lastAttributeWithoutTrailingPaddingIsAccepted() {
        NlAttributes a = NlAttributes.parse(Hex.buffer("0500 0100 2a"));
        assertEquals(42, a.u8(1));
    }

    @Test
    void malformedInputGetsClearErrors() {
        var overlong = assertThrows(IllegalArgumentException.class,
                () -> NetlinkMessage.parseAll(Hex.buffer("40000000 1400 0000 00000000 00000000 00000000")));
        assertEquals("netlink message at offset 0 declares length 64 but 20 bytes remain", overlong.getMessage());
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> NetlinkMessage.parseAll(Hex.buffer("08000000 1400 0000 00000000 00000000")));
        assertEquals("netlink message at offset 0 declares length 8 but 16 bytes remain", tooShort.getMessage());
        var trailing = assertThrows(IllegalArgumentException.class,
                () -> NetlinkMessage.parseAll(Hex.buffer("10000000 1400 0000 00000000 00000000 0102")));
        assertEquals("netlink datagram has 2 trailing bytes at offset 16, too short for a header",
                trailing.getMessage());
        var badAttr = assertThrows(IllegalArgumentException.class,
                () -> NlAttributes.parse(Hex.buffer("0900 0100 01020304")));
        assertEquals("netlink attribute type 1 at offset 0 declares length 9 but 8 bytes remain",
                badAttr.getMessage());
        var shortValue = assertThrows(IllegalArgumentException.class,
                () -> NlAttributes.parse(Hex.buffer("0600 0100 0102 0000")).u32(1));
        assertEquals("netlink attribute type 1 has 2 bytes, expected at least 4", shortValue.getMessage());
        assertThrows(NoSuchElementException.class, () -> NlAttributes.parse(Hex.buffer("")).u8(3));
        var shortFamilyHeader = assertThrows(IllegalArgumentException.class,
                () -> NetlinkMessage.parse(Hex.buffer("12000000 1400 0000 00000000 00000000 0102")).attributes(8));
        assertEquals("netlink message type 20 has 2 payload bytes, shorter than its 8-byte family header",
                shortFamilyHeader.getMessage());
    }

    @Test
    void builderOutputRoundTripsThroughParser() {
        var b = new NetlinkMessageBuilder(0x22, Netlink.NLM_F_REQUEST).genlHeader(4, 1);
        int mark = b.beginNested(1);
        b.attrU16(1, 2).attrU16Be(4, 443).attrString(6, "wrr");
        b.endNested(mark);
        NlAttributes svc = NetlinkMessage.parse(b.build()).attributes(GenericNetlink.GENL_HDRLEN).nested(1);
        assertEquals(2, svc.u16(1));
        assertEquals(443, svc.u16Be(4));
        assertEquals("wrr", svc.string(6));
    }
}
