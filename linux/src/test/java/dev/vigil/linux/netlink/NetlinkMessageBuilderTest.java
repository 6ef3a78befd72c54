package dev.vigil.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.testing.Hex;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Builder output compared byte for byte with hand-assembled little-endian messages. */
class NetlinkMessageBuilderTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "hex fixtures are little-endian");
    }

    @Test
    void genlGetFamilyRequest() {
        var msg = new NetlinkMessageBuilder(0x10, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .genlHeader(3, 1)
                .attrString(2, "nlctrl")
                .build();
        assertEquals(Hex.of(Hex.buffer("""
                20000000 1000 0500 00000000 00000000
                03 01 0000
                0b00 0200 6e6c6374726c00 00""")), Hex.of(msg));
        assertEquals(0, msg.position());
        assertEquals(32, msg.getInt(0));
    }

    @Test
    void nestedAttributesGetNestedFlagLengthAndPadding() {
        var b = new NetlinkMessageBuilder(0x22, Netlink.NLM_F_REQUEST);
        b.genlHeader(1, 1);
        int mark = b.beginNested(1);
        b.attrU16Be(4, 80).attrU32(5, 0x01020304);
        b.endNested(mark);
        b.attrU8(9, 0xff);
        assertEquals(Hex.of(Hex.buffer("""
                30000000 2200 0100 00000000 00000000
                01 01 0000
                1400 0180 | 0600 0400 0050 0000 | 0800 0500 04030201
                0500 0900 ff 000000""")), Hex.of(b.build()));
    }

    @Test
    void rawFamilyHeaderIsPaddedAndScalarWidthsAreNative() {
        var msg = new NetlinkMessageBuilder(20, 0x605)
                .raw(new byte[] {2, 32, 0, 0, 7, 0, 0, 0})
                .attrU16(1, 0x0102)
                .attrU32Be(2, 0x0a000001)
                .attrU64(3, 0x0102030405060708L)
                .attrBytes(4, new byte[] {1, 2, 3})
                .attrFlag(5)
                .build();
        assertEquals(Hex.of(Hex.buffer("""
                40000000 1400 0506 00000000 00000000
                02 20 00 00 07000000
                0600 0100 0201 0000
                0800 0200 0a000001
                0c00 0300 0807060504030201
                0700 0400 010203 00
                0400 0500""")), Hex.of(msg));
    }

    @Test
    void buildIsRepeatableAndGrowsPastInitialCapacity() {
        var b = new NetlinkMessageBuilder(16, 1);
        b.attrBytes(1, new byte[1000]);
        assertEquals(16 + 1004, b.build().remaining());
        assertEquals(Hex.of(b.build()), Hex.of(b.build()));
    }

    @Test
    void oversizedAttributeIsRejected() {
        var b = new NetlinkMessageBuilder(16, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> b.attrBytes(7, new byte[70000]));
        assertEquals("attribute 7 too long: 70000 bytes", e.getMessage());
    }
}
