package dev.vigil.healthchecker.probe;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** ICMP echo request/reply byte layouts (RFC 792). */
final class IcmpEcho {

    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    private static final int PAYLOAD = 16;

    private IcmpEcho() {
    }

    /** An echo request with a correct checksum (a ping datagram socket rewrites id and checksum itself). */
    static ByteBuf request(int id, int seq) {
        ByteBuf b = Unpooled.buffer(8 + PAYLOAD);
        b.writeByte(ECHO_REQUEST).writeByte(0).writeShort(0).writeShort(id).writeShort(seq);
        for (int i = 0; i < PAYLOAD; i++) {
            b.writeByte('V' + (i & 7));
        }
        b.setShort(2, checksum(b));
        return b;
    }

    /** The one's-complement Internet checksum of the buffer's readable bytes. */
    static int checksum(ByteBuf b) {
        long sum = 0;
        int n = b.readableBytes();
        int start = b.readerIndex();
        for (int i = 0; i + 1 < n; i += 2) {
            sum += b.getUnsignedShort(start + i);
        }
        if ((n & 1) != 0) {
            sum += (b.getUnsignedByte(start + n - 1) << 8);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * The echo reply in {@code datagram} as (id << 16 | seq), or -1 if it is something else.
     *
     * @param raw the datagram starts with an IPv4 header
     */
    static long replyKey(ByteBuf datagram, boolean raw) {
        int offset = datagram.readerIndex();
        if (raw) {
            if (datagram.readableBytes() < 20) {
                return -1;
            }
            offset += (datagram.getUnsignedByte(offset) & 0x0f) * 4;
        }
        if (datagram.writerIndex() - offset < 8 || datagram.getUnsignedByte(offset) != ECHO_REPLY) {
            return -1;
        }
        return ((long) datagram.getUnsignedShort(offset + 4) << 16) | datagram.getUnsignedShort(offset + 6);
    }
}
