package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte header, an optional fixed family header (genlmsghdr, ifaddrmsg ...)
 * and attributes, each padded to 4 bytes, in native byte order. Sequence number and port id are left 0;
 * {@link NetlinkSocket#request} fills them in.
 *
 * <p>Bytes are written into a plain array, not through a ByteBuffer: a daemon builds thousands of messages at start
 * (one per IPVS real server), mostly before the JIT has compiled anything, and interpreted ByteBuffer puts cost about
 * forty times more than array stores.
 */
public final class NetlinkMessageBuilder {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private byte[] buf = new byte[256];
    private int pos;

    public NetlinkMessageBuilder(int type, int flags) {
        u32(0);
        u16(type);
        u16(flags);
        u32(0);
        u32(0);
    }

    /** Appends {@code struct genlmsghdr}: u8 cmd, u8 version, u16 reserved. */
    public NetlinkMessageBuilder genlHeader(int cmd, int version) {
        ensure(4);
        u8(cmd);
        u8(version);
        u16(0);
        return this;
    }

    /** Appends a fixed family header verbatim (callers build it in native order), padded to 4 bytes. */
    public NetlinkMessageBuilder raw(byte[] bytes) {
        ensure(Netlink.align(bytes.length));
        bytes(bytes);
        pad();
        return this;
    }

    public NetlinkMessageBuilder attrU8(int type, int value) {
        attr(type, 1);
        u8(value);
        return pad();
    }

    public NetlinkMessageBuilder attrU16(int type, int value) {
        attr(type, 2);
        u16(value);
        return pad();
    }

    public NetlinkMessageBuilder attrU32(int type, int value) {
        attr(type, 4);
        u32(value);
        return this;
    }

    public NetlinkMessageBuilder attrU64(int type, long value) {
        attr(type, 8);
        if (LITTLE_ENDIAN) {
            u32((int) value);
            u32((int) (value >>> 32));
        } else {
            u32((int) (value >>> 32));
            u32((int) value);
        }
        return this;
    }

    /** A 16-bit value in network byte order (ports in IPVS attributes). */
    public NetlinkMessageBuilder attrU16Be(int type, int value) {
        attr(type, 2);
        u8(value >>> 8);
        u8(value);
        return pad();
    }

    /** A 32-bit value in network byte order. */
    public NetlinkMessageBuilder attrU32Be(int type, int value) {
        attr(type, 4);
        u8(value >>> 24);
        u8(value >>> 16);
        u8(value >>> 8);
        u8(value);
        return this;
    }

    /** A NUL-terminated string. */
    public NetlinkMessageBuilder attrString(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        attr(type, bytes.length + 1);
        bytes(bytes);
        u8(0);
        return pad();
    }

    public NetlinkMessageBuilder attrBytes(int type, byte[] value) {
        attr(type, value.length);
        bytes(value);
        return pad();
    }

    /** A zero-length attribute (a flag). */
    public NetlinkMessageBuilder attrFlag(int type) {
        attr(type, 0);
        return this;
    }

    /** Opens a nested attribute (NLA_F_NESTED set); returns the mark to pass to {@link #endNested}. */
    public int beginNested(int type) {
        ensure(Netlink.NLA_HDRLEN);
        int mark = pos;
        u16(0);
        u16(type | Netlink.NLA_F_NESTED);
        return mark;
    }

    /** Closes the nested attribute opened at {@code mark}, writing its length. */
    public NetlinkMessageBuilder endNested(int mark) {
        int end = pos;
        pos = mark;
        u16(end - mark);
        pos = end;
        return this;
    }

    /** The finished message (length field filled in), positioned at 0, native order. Can be called again. */
    public ByteBuffer build() {
        int end = pos;
        pos = 0;
        u32(end);
        pos = end;
        return ByteBuffer.wrap(Arrays.copyOf(buf, end)).order(ByteOrder.nativeOrder());
    }

    // --- plumbing: an attribute is its header, a payload written by the caller, then padding ---

    private void attr(int type, int payloadLength) {
        int length = Netlink.NLA_HDRLEN + payloadLength;
        if (length > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLength + " bytes");
        }
        ensure(Netlink.align(length));
        u16(length);
        u16(type);
    }

    private NetlinkMessageBuilder pad() {
        while ((pos & (Netlink.ALIGNTO - 1)) != 0) {
            buf[pos++] = 0;
        }
        return this;
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private void u8(int v) {
        buf[pos++] = (byte) v;
    }

    private void u16(int v) {
        if (LITTLE_ENDIAN) {
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
        } else {
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }
    }

    private void u32(int v) {
        if (LITTLE_ENDIAN) {
            buf[pos++] = (byte) v;
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 24);
        } else {
            buf[pos++] = (byte) (v >>> 24);
            buf[pos++] = (byte) (v >>> 16);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }
    }

    private void bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }
}
