package dev.vigil.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The attributes' buffer, positioned at 0, native order; never modified or handed out (views are). */
    private final ByteBuffer buf;
    /** Per attribute, in wire order: type, value offset, value length. Plain arrays and absolute reads, no per-value
     * buffer objects: an IPVS dump of 10,000 real servers decodes some 400,000 attributes, mostly before the JIT. */
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;
    private final int size;

    private NlAttributes(ByteBuffer buf, int[] types, int[] offsets, int[] lengths, int size) {
        this.buf = buf;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
        this.size = size;
    }

    /** Parses attributes from the buffer's position to its limit (position not moved). */
    public static NlAttributes parse(ByteBuffer buf) {
        ByteBuffer b = buf.slice().order(ByteOrder.nativeOrder());
        int capacity = Math.max(4, b.limit() / 8);
        int[] types = new int[capacity];
        int[] offsets = new int[capacity];
        int[] lengths = new int[capacity];
        int n = 0;
        int offset = 0;
        while (b.limit() - offset >= Netlink.NLA_HDRLEN) {
            int length = Short.toUnsignedInt(b.getShort(offset));
            int type = Short.toUnsignedInt(b.getShort(offset + 2)) & Netlink.NLA_TYPE_MASK;
            if (length < Netlink.NLA_HDRLEN || length > b.limit() - offset) {
                throw new IllegalArgumentException("netlink attribute type " + type + " at offset " + offset
                        + " declares length " + length + " but " + (b.limit() - offset) + " bytes remain");
            }
            if (n == types.length) {
                types = Arrays.copyOf(types, n * 2);
                offsets = Arrays.copyOf(offsets, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            types[n] = type;
            offsets[n] = offset + Netlink.NLA_HDRLEN;
            lengths[n] = length - Netlink.NLA_HDRLEN;
            n++;
            offset += Math.min(Netlink.align(length), b.limit() - offset);
        }
        if (offset < b.limit()) {
            throw new IllegalArgumentException("netlink attributes have " + (b.limit() - offset)
                    + " trailing bytes at offset " + offset + ", too short for an attribute header");
        }
        return new NlAttributes(b, types, offsets, lengths, n);
    }

    public boolean has(int type) {
        return indexOf(type) >= 0;
    }

    /** Attribute types present, in wire order (repeats included). */
    public List<Integer> types() {
        List<Integer> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(types[i]);
        }
        return Collections.unmodifiableList(out);
    }

    public int size() {
        return size;
    }

    public int u8(int type) {
        return Byte.toUnsignedInt(buf.get(at(type, 1)));
    }

    public int u16(int type) {
        return Short.toUnsignedInt(buf.getShort(at(type, 2)));
    }

    /** A u32 (use {@link Integer#toUnsignedLong} for values above 2^31). */
    public int u32(int type) {
        return buf.getInt(at(type, 4));
    }

    public long u64(int type) {
        return buf.getLong(at(type, 8));
    }

    /** A 16-bit value in network byte order (IPVS ports). */
    public int u16Be(int type) {
        int at = at(type, 2);
        return (buf.get(at) & 0xff) << 8 | buf.get(at + 1) & 0xff;
    }

    /** A 32-bit value in network byte order. */
    public int u32Be(int type) {
        int at = at(type, 4);
        return (buf.get(at) & 0xff) << 24 | (buf.get(at + 1) & 0xff) << 16 | (buf.get(at + 2) & 0xff) << 8
                | buf.get(at + 3) & 0xff;
    }

    /** A string, up to the first NUL (or the attribute's end if none). */
    public String string(int type) {
        int i = index(type, 0);
        int start = offsets[i];
        int end = start;
        while (end < start + lengths[i] && buf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buf.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A copy of the value bytes. */
    public byte[] bytes(int type) {
        int i = index(type, 0);
        byte[] out = new byte[lengths[i]];
        buf.get(offsets[i], out);
        return out;
    }

    /** A read-only view of the value bytes, native order. */
    public ByteBuffer buffer(int type) {
        return view(index(type, 0));
    }

    /** The attributes nested inside attribute {@code type}. */
    public NlAttributes nested(int type) {
        int i = index(type, 0);
        return parse(buf.slice(offsets[i], lengths[i]));
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
        NlAttributes children = nested(type);
        List<NlAttributes> out = new ArrayList<>(children.size);
        for (int i = 0; i < children.size; i++) {
            out.add(parse(children.buf.slice(children.offsets[i], children.lengths[i])));
        }
        return Collections.unmodifiableList(out);
    }

    /** Every occurrence of {@code type} at this level, each parsed as nested attributes. */
    public List<NlAttributes> nestedAll(int type) {
        return all(type).stream().map(NlAttributes::parse).toList();
    }

    /** Every occurrence of {@code type} at this level, as read-only views. */
    public List<ByteBuffer> all(int type) {
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (types[i] == type) {
                out.add(view(i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private int indexOf(int type) {
        for (int i = 0; i < size; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** The first attribute of {@code type}, checked to hold at least {@code minLength} bytes. */
    private int index(int type, int minLength) {
        int i = indexOf(type);
        if (i < 0) {
            throw new NoSuchElementException("netlink attribute type " + type + " absent");
        }
        if (lengths[i] < minLength) {
            throw new IllegalArgumentException("netlink attribute type " + type + " has " + lengths[i]
                    + " bytes, expected at least " + minLength);
        }
        return i;
    }

    private int at(int type, int minLength) {
        return offsets[index(type, minLength)];
    }

    private ByteBuffer view(int i) {
        return buf.slice(offsets[i], lengths[i]).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NlAttributes[");
        for (int i = 0; i < size; i++) {
            sb.append(types[i]).append(':').append(lengths[i]).append("B ");
        }
        return sb.append(']').toString();
    }
}
