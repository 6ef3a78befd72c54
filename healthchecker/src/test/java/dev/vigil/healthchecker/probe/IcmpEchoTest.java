package dev.vigil.healthchecker.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    @Test
    void requestChecksumVerifiesToZero() {
        ByteBuf req = IcmpEcho.request(0x1234, 7);
        assertEquals(8, req.getUnsignedByte(0));
        assertEquals(0x1234, req.getUnsignedShort(4));
        assertEquals(7, req.getUnsignedShort(6));
        assertEquals(0, IcmpEcho.checksum(req), "a packet including its checksum sums to zero");
        req.release();
    }

    @Test
    void replyKeySkipsTheIpHeaderOfRawSockets() {
        ByteBuf reply = Unpooled.buffer();
        reply.writeByte(0x45).writeZero(19); // IPv4 header, IHL 5
        reply.writeByte(0).writeByte(0).writeShort(0).writeShort(0xabcd).writeShort(42);
        assertEquals((0xabcdL << 16) | 42, IcmpEcho.replyKey(reply, true));
        assertEquals(-1, IcmpEcho.replyKey(reply, false), "read without skipping, it is not an echo reply");
        ByteBuf request = IcmpEcho.request(1, 1);
        assertEquals(-1, IcmpEcho.replyKey(request, false), "our own requests are ignored");
        assertEquals(-1, IcmpEcho.replyKey(Unpooled.wrappedBuffer(new byte[] {0, 0}), false), "short datagram");
    }
}
