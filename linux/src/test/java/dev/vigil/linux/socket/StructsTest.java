package dev.vigil.linux.socket;

import static dev.vigil.linux.testing.Addresses.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.linux.Structs;
import dev.vigil.linux.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** C struct layouts handed to libc, against hand-assembled little-endian bytes. */
class StructsTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "hex fixtures are little-endian");
    }

    @Test
    void sockaddrLlForArpBroadcast() {
        byte[] bcast = Hex.bytes("ffffffffffff");
        assertEquals("1100 0806 07000000 0000 00 06 ffffffffffff0000".replace(" ", ""),
                Hex.of(ByteBuffer.wrap(Structs.sockaddrLl(0x0806, 7, bcast))));
    }

    @Test
    void ipMreqnJoinAndMulticastIf() throws Exception {
        assertEquals("e0000012 00000000 03000000".replace(" ", ""),
                Hex.of(ByteBuffer.wrap(Structs.ipMreqn(RawIpSocket.VRRP_GROUP, null, 3))));
        assertEquals("00000000 0a090001 05000000".replace(" ", ""),
                Hex.of(ByteBuffer.wrap(Structs.ipMreqn(null, v4("10.9.0.1"), 5))));
    }

    @Test
    void sockaddrInNetlinkAndScalars() throws Exception {
        assertEquals("0200 0000 e0000012 0000000000000000".replace(" ", ""),
                Hex.of(ByteBuffer.wrap(Structs.sockaddrIn(RawIpSocket.VRRP_GROUP, 0))));
        assertEquals("1000 0000 00000000 01000000".replace(" ", ""),
                Hex.of(ByteBuffer.wrap(Structs.sockaddrNl(0, 1))));
        assertEquals(0x0608, Structs.htons(0x0806));
        assertEquals("05000000 0100 0000".replace(" ", ""), Hex.of(ByteBuffer.wrap(Structs.pollfd(5))));
        assertArrayEquals(new long[] {2, 500_000_000}, Structs.timespec(2_500_000_000L));
        assertArrayEquals(new long[] {0, 0}, Structs.timespec(-7));
    }
}
