package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The attributes ({@code struct nlattr}/{@code rtattr}: u16 len, u16 type, value, pad to 4) in one buffer.
 * Types are compared without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits. When a type repeats,
 * the single-value getters return the first occurrence and {@link #all} returns every one.
 * Getters for a missing attribute throw {@link NoSuchElementException}; check {@link #has} first.
 */
public final class NlAttributes {
    private final List<Attr> attrs;

    private record Attr(int type, ByteBuffer value) {
    }

    private NlAttributes(List<Attr> attrs) {
        this.attrs = attrs;
    }

    /** Parses attributes from the buffer's position to its limit (position not moved). */
    public static NlAttributes parse(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.nativeOrder());
        List<Attr> out = new ArrayList<>();
        int offset = 0;
        while (b.limit() - offset >= Netlink.NLA_HDRLEN) {
            int length = Short.toUnsignedInt(b.getShort(offset));
            int type = Short.toUnsignedInt(b.getShort(offset + 2)) & Netlink.NLA_TYPE_MASK;
            if (length < Netlink.NLA_HDRLEN || length > b.limit() - offset) {
                throw new IllegalArgumentException("netlink attribute type " + type + " at offset " + offset
                        + " declares length " + length + " but " + (b.limit() - offset) + " bytes remain");
            }
            ByteBuffer value = b.slice(offset + Netlink.NLA_HDRLEN, length - Netlink.NLA_HDRLEN)
                    .asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            out.add(new Attr(type, value));
            offset += Math.min(Netlink.align(length), b.limit() - offset);
        }
        if (offset < b.limit()) {
            throw new IllegalArgumentException("netlink attributes have " + (b.limit() - offset)
                    + " trailing bytes at offset " + offset + ", too short for an attribute header");
        }
        return new NlAttributes(Collections.unmodifiableList(out));
    }

    public boolean has(int type) {
        return attrs.stream().anyMatch(a -> a.type == type);
    }

    /** Attribute types present, in wire order (repeats included). */
    public List<Integer> types() {
        return attrs.stream().map(Attr::type).toList();
    }

    public int size() {
        return attrs.size();
    }

    public int u8(int type) {
        return Byte.toUnsignedInt(value(type, 1).get(0));
    }

    public int u16(int type) {
        return Short.toUnsignedInt(value(type, 2).getShort(0));
    }

    /** A u32 (use {@link Integer#toUnsignedLong} for values above 2^31). */
    public int u32(int type) {
        return value(type, 4).getInt(0);
    }

    public long u64(int type) {
        return value(type, 8).getLong(0);
    }

    /** A 16-bit value in network byte order (IPVS ports). */
    public int u16Be(int type) {
        return Short.toUnsignedInt(value(type, 2).order(ByteOrder.BIG_ENDIAN).getShort(0));
    }

    /** A 32-bit value in network byte order. */
    public int u32Be(int type) {
        return value(type, 4).order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    /** A string, up to the first NUL (or the attribute's end if none). */
    public String string(int type) {
        ByteBuffer v = value(type, 0);
        int end = 0;
        while (end < v.limit() && v.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        v.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A copy of the value bytes. */
    public byte[] bytes(int type) {
        ByteBuffer v = value(type, 0);
        byte[] out = new byte[v.limit()];
        v.get(0, out);
        return out;
    }

    /** A read-only view of the value bytes, native order. */
    public ByteBuffer buffer(int type) {
        return value(type, 0);
    }

    /** The attributes nested inside attribute {@code type}. */
    public NlAttributes nested(int type) {
        return parse(value(type, 0));
    }

    /**
     * A nested array: attribute {@code type} holds children (typed 1, 2, 3 ... by index, as in genetlink's
     * CTRL_ATTR_MCAST_GROUPS or CTRL_ATTR_OPS), each itself nested; returns each child's attributes in order.
     * Empty if {@code type} is absent.
     */
    public List<NlAttributes> nestedList(int type) {
        if (!has(type)) {
            return List.of();
        }
        return nested(type).attrs.stream().map(a -> parse(a.value)).toList();
    }

    /** Every occurrence of {@code type} at this level, each parsed as nested attributes. */
    public List<NlAttributes> nestedAll(int type) {
        return all(type).stream().map(NlAttributes::parse).toList();
    }

    /** Every occurrence of {@code type} at this level, as read-only views. */
    public List<ByteBuffer> all(int type) {
        return attrs.stream().filter(a -> a.type == type).map(a -> a.value.duplicate().order(ByteOrder.nativeOrder()))
                .toList();
    }

    private ByteBuffer value(int type, int minLength) {
        for (Attr a : attrs) {
            if (a.type == type) {
                if (a.value.limit() < minLength) {
                    throw new IllegalArgumentException("netlink attribute type " + type + " has "
                            + a.value.limit() + " bytes, expected at least " + minLength);
                }
                return a.value.duplicate().order(ByteOrder.nativeOrder());
            }
        }
        throw new NoSuchElementException("netlink attribute type " + type + " absent");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NlAttributes[");
        for (Attr a : attrs) {
            sb.append(a.type).append(':').append(a.value.limit()).append("B ");
        }
        return sb.append(']').toString();
    }
}
