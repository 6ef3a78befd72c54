package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte header, an optional fixed family header (genlmsghdr, ifaddrmsg ...)
 * and attributes, each padded to 4 bytes, in native byte order. Sequence number and port id are left 0;
 * {@link NetlinkSocket#request} fills them in.
 */
public final class NetlinkMessageBuilder {
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    public NetlinkMessageBuilder(int type, int flags) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    /** Appends {@code struct genlmsghdr}: u8 cmd, u8 version, u16 reserved. */
    public NetlinkMessageBuilder genlHeader(int cmd, int version) {
        ensure(4);
        buf.put((byte) cmd).put((byte) version).putShort((short) 0);
        return this;
    }

    /** Appends a fixed family header verbatim (callers build it in native order), padded to 4 bytes. */
    public NetlinkMessageBuilder raw(byte[] bytes) {
        ensure(Netlink.align(bytes.length));
        buf.put(bytes);
        pad();
        return this;
    }

    public NetlinkMessageBuilder attrU8(int type, int value) {
        return attr(type, 1).put((byte) value).finish();
    }

    public NetlinkMessageBuilder attrU16(int type, int value) {
        return attr(type, 2).putShort((short) value).finish();
    }

    public NetlinkMessageBuilder attrU32(int type, int value) {
        return attr(type, 4).putInt(value).finish();
    }

    public NetlinkMessageBuilder attrU64(int type, long value) {
        return attr(type, 8).putLong(value).finish();
    }

    /** A 16-bit value in network byte order (ports in IPVS attributes). */
    public NetlinkMessageBuilder attrU16Be(int type, int value) {
        Payload payload = attr(type, 2);
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) value).order(ByteOrder.nativeOrder());
        return payload.finish();
    }

    /** A 32-bit value in network byte order. */
    public NetlinkMessageBuilder attrU32Be(int type, int value) {
        Payload payload = attr(type, 4);
        buf.order(ByteOrder.BIG_ENDIAN).putInt(value).order(ByteOrder.nativeOrder());
        return payload.finish();
    }

    /** A NUL-terminated string. */
    public NetlinkMessageBuilder attrString(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return attrBytes(type, Arrays.copyOf(bytes, bytes.length + 1));
    }

    public NetlinkMessageBuilder attrBytes(int type, byte[] value) {
        return attr(type, value.length).put(value).finish();
    }

    /** A zero-length attribute (a flag). */
    public NetlinkMessageBuilder attrFlag(int type) {
        return attr(type, 0).finish();
    }

    /** Opens a nested attribute (NLA_F_NESTED set); returns the mark to pass to {@link #endNested}. */
    public int beginNested(int type) {
        ensure(Netlink.NLA_HDRLEN);
        int mark = buf.position();
        buf.putShort((short) 0).putShort((short) (type | Netlink.NLA_F_NESTED));
        return mark;
    }

    /** Closes the nested attribute opened at {@code mark}, writing its length. */
    public NetlinkMessageBuilder endNested(int mark) {
        buf.putShort(mark, (short) (buf.position() - mark));
        return this;
    }

    /** The finished message (length field filled in), positioned at 0, native order. Can be called again. */
    public ByteBuffer build() {
        ByteBuffer out = ByteBuffer.allocate(buf.position()).order(ByteOrder.nativeOrder());
        out.put(buf.array(), 0, buf.position()).flip();
        out.putInt(0, out.remaining());
        return out;
    }

    // --- attribute plumbing: header, payload written by caller, then padding ---

    private Payload attr(int type, int payloadLength) {
        int length = Netlink.NLA_HDRLEN + payloadLength;
        if (length > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLength + " bytes");
        }
        ensure(Netlink.align(length));
        buf.putShort((short) length).putShort((short) type);
        return new Payload();
    }

    private void pad() {
        while ((buf.position() & (Netlink.ALIGNTO - 1)) != 0) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                    .order(ByteOrder.nativeOrder());
            bigger.put(buf.array(), 0, buf.position());
            buf = bigger;
        }
    }

    /** Short-lived view so each attrX method reads as header, value, padding. */
    private final class Payload {
        Payload put(byte b) {
            buf.put(b);
            return this;
        }

        Payload put(byte[] b) {
            buf.put(b);
            return this;
        }

        Payload putShort(short v) {
            buf.putShort(v);
            return this;
        }

        Payload putInt(int v) {
            buf.putInt(v);
            return this;
        }

        Payload putLong(long v) {
            buf.putLong(v);
            return this;
        }

        NetlinkMessageBuilder finish() {
            pad();
            return NetlinkMessageBuilder.this;
        }
    }
}
